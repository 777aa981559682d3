-- Neovim headless as the language client of `factcheck lsp`: open the draft,
-- attach the server with the built-in client, wait for its diagnostics and
-- write them (as Neovim holds them: 0-based lines, byte columns) to a JSON file.
-- Usage: nvim --headless --clean -c "luafile neovim.lua", with
-- FACTCHECK_NVIM_DRAFT, FACTCHECK_NVIM_OUT and FACTCHECK_NVIM_PYTHON set.
local draft = os.getenv("FACTCHECK_NVIM_DRAFT")
local out = os.getenv("FACTCHECK_NVIM_OUT")
local python = os.getenv("FACTCHECK_NVIM_PYTHON")
vim.cmd("edit " .. vim.fn.fnameescape(draft))
local config = {
  name = "factcheck",
  cmd = { python, "-m", "factcheck", "lsp" },
  root_dir = vim.fn.fnamemodify(draft, ":h"),
}
if vim.lsp.start then -- Neovim 0.8 and later: the README's way
  vim.lsp.start(config)
else -- Neovim 0.7 (Debian 12)
  local id = vim.lsp.start_client(config)
  vim.lsp.buf_attach_client(0, id)
end
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
