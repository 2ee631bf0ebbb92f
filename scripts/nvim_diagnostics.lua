-- Open a file in Neovim (0.7 or later) with `newslint server` and print the diagnostics it
-- publishes, one a line: LINE:COLUMN-END_LINE:END_COLUMN CODE MESSAGE (1-based, columns in
-- code points, end exclusive, as in `newslint check --format json`), then quit.
--
--   nvim --headless --clean -c 'luafile scripts/nvim_diagnostics.lua' article.txt
--
-- $NEWSLINT_SERVER replaces the server command (default: "newslint server").
local buffer = vim.api.nvim_get_current_buf()
local file = vim.api.nvim_buf_get_name(buffer)
local command = vim.env.NEWSLINT_SERVER and vim.split(vim.env.NEWSLINT_SERVER, " ", { trimempty = true }) or { "newslint", "server" }
local published = false

local client_id = vim.lsp.start_client({
  name = "newslint",
  cmd = command,
  root_dir = vim.fn.fnamemodify(file, ":p:h"),
  handlers = {
    ["textDocument/publishDiagnostics"] = function(err, result, ctx, config)
      vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
      published = true
    end,
  },
})
vim.lsp.buf_attach_client(buffer, client_id)

if not vim.wait(30000, function() return published end, 20) then
  io.stderr:write("newslint: no diagnostics within 30 s\n")
  vim.cmd("cquit 1")
end

-- Neovim keeps byte columns; count code points as newslint does.
local function column(line, byte)
  local text = vim.api.nvim_buf_get_lines(buffer, line, line + 1, false)[1] or ""
  return vim.str_utfindex(text, math.min(byte, #text)) + 1
end

local diagnostics = vim.diagnostic.get(buffer)
table.sort(diagnostics, function(a, b)
  if a.lnum ~= b.lnum then return a.lnum < b.lnum end
  if a.col ~= b.col then return a.col < b.col end
  if a.end_lnum ~= b.end_lnum then return a.end_lnum < b.end_lnum end
  if a.end_col ~= b.end_col then return a.end_col < b.end_col end
  return tostring(a.code) < tostring(b.code)
end)
for _, d in ipairs(diagnostics) do
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or "?"
  io.stdout:write(string.format("%d:%d-%d:%d %s %s\n", d.lnum + 1, column(d.lnum, d.col), d.end_lnum + 1, column(d.end_lnum, d.end_col), code, d.message))
end
vim.lsp.stop_client(client_id)
vim.cmd("qall!")
