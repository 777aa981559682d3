-- Neovim headless as the language client of `factcheck lsp`: open the draft,
-- run the README's Neovim snippet (FACTCHECK_NVIM_SNIPPET), wait for the
-- diagnostics and write them as Neovim holds them (0-based lines, byte
-- columns) to FACTCHECK_NVIM_OUT as JSON.
-- Usage: nvim --headless --clean -c "luafile neovim.lua", with FACTCHECK_NVIM_DRAFT,
-- FACTCHECK_NVIM_SNIPPET and FACTCHECK_NVIM_OUT set and factcheck on PATH.
local draft = os.getenv("FACTCHECK_NVIM_DRAFT")
local out = os.getenv("FACTCHECK_NVIM_OUT")
vim.cmd("edit " .. vim.fn.fnameescape(draft))
-- The snippet is written for Neovim 0.10; Debian 12 has 0.7, which lacks
-- vim.lsp.start and vim.fs.root: stand-ins built from what 0.7 has.
if not vim.lsp.start then
  vim.lsp.start = function(config)
    local id = vim.lsp.start_client(config)
    vim.lsp.buf_attach_client(0, id)
    return id
  end
end
vim.fs = vim.fs or {}
if not vim.fs.root then
  vim.fs.root = function() return vim.fn.fnamemodify(draft, ":h") end
end
dofile(os.getenv("FACTCHECK_NVIM_SNIPPET"))
local found = vim.wait(20000, function() return #vim.diagnostic.get(0) >= 3 end, 50)
local rows = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(rows, {
    lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
    code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code),
    severity = d.severity, message = d.message, source = d.source,
  })
end
vim.fn.writefile({ vim.json.encode({ waited = found, diagnostics = rows }) }, out)
for _, client in ipairs(vim.lsp.get_active_clients()) do client.stop() end
vim.wait(2000, function() return #vim.lsp.get_active_clients() == 0 end, 50)
vim.cmd("qall!")
