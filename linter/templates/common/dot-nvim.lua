-- Neovim: the playbook's language server for the drafts and the playbook's YAML files
-- (findings while you type, quick fixes, completion of the playbook's ids).
-- Neovim reads this file when the option 'exrc' is on: add `vim.o.exrc = true` to your
-- init.lua; Neovim asks once whether to trust this file. See docs/guides/editeurs.md.
if vim.lsp.config then -- Neovim 0.11 and later
  vim.lsp.config("playbook", {
    cmd = { "playbook", "lsp", "--stdio" },
    filetypes = { "markdown", "yaml" },
    root_markers = { "playbook", ".git" },
  })
  vim.lsp.enable("playbook")
else -- Neovim 0.8 to 0.10
  vim.api.nvim_create_autocmd("FileType", {
    pattern = { "markdown", "yaml" },
    callback = function()
      vim.lsp.start({
        name = "playbook",
        cmd = { "playbook", "lsp", "--stdio" },
        root_dir = vim.fs.dirname(vim.fs.find({ "playbook", ".git" }, { upward = true })[1]),
      })
    end,
  })
end
