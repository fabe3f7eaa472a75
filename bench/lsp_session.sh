#!/usr/bin/env bash
# Records the writer's session shown in docs/guides/editeurs.md: Neovim (from the system's
# packages) in tmux on a copy of the sample project, with `playbook lsp` attached; each step's
# screen is captured as text (tmux capture-pane) into bench/lsp-session/. Needs nvim and tmux.
#   bash bench/lsp_session.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
playbook="${PLAYBOOK:-$root/.venv/bin/playbook}"
out="$here/lsp-session"
work="$(mktemp -d)"
trap 'tmux kill-session -t playbook-demo 2>/dev/null || true; rm -rf "$work"' EXIT
mkdir -p "$out"
cp -r "$root/playbook" "$root/drafts" "$work/"

# A minimal Neovim setup that works from 0.7 on (the guide gives the settings of newer versions).
cat > "$work/init.lua" <<LUA
vim.o.number = false
vim.o.signcolumn = "no"
vim.o.laststatus = 0
vim.o.shortmess = vim.o.shortmess .. "F"
vim.diagnostic.config({ virtual_text = { prefix = "■" }, signs = false, underline = false, float = { border = "single" } })
local id = vim.lsp.start_client({
  name = "playbook",
  cmd = { "$playbook", "lsp", "--stdio", "--today", "2026-11-23", "--now", "2027-03-01T08:00:00+01:00" },
  root_dir = "$work",
})
vim.api.nvim_create_autocmd("FileType", {
  pattern = { "markdown", "yaml" },
  callback = function() vim.lsp.buf_attach_client(0, id) end,
})
LUA

draft="drafts/2027-03-12-atelier.md"
cat > "$work/$draft" <<'MD'
---
channel: x
kind: event
publish_at: 2027-03-12T10:00:00+01:00
author: claire-le-gall
audience: grand-public
---
Atelier de pressage samedi : inscrivez-vous !
Et goûtez notre jus détox de printemps.
MD
capture() { sleep "${2:-2}"; tmux capture-pane -p -t playbook-demo | sed -e 's/[[:space:]]*$//' > "$out/$1.txt"; }
tmux new-session -d -s playbook-demo -x 150 -y 14 -c "$work" "nvim -u init.lua $draft"
capture 1-diagnostics 4
tmux send-keys -t playbook-demo "8G" ":lua vim.diagnostic.open_float()" Enter
capture 2-detail
tmux send-keys -t playbook-demo Escape "8G28|" ":lua vim.lsp.buf.code_action()" Enter
capture 3-code-action
tmux send-keys -t playbook-demo "1" Enter
capture 4-fixed 3
tmux send-keys -t playbook-demo ":wq" Enter
sleep 1
(cd "$work" && "$playbook" lint --today 2026-11-23 --now 2027-03-01T08:00:00+01:00 "$draft" || true) > "$out/5-lint-after.txt"
echo "captured in $out:"; ls "$out"
