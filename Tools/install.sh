#!/bin/sh
# Installs iamquiz, its man pages and its bash, zsh and fish completions under a prefix, or removes them.
#
#   sh Tools/install.sh BIN PREFIX          BIN: the folder holding the built `iamquiz` and `generate-manual`
#   sh Tools/install.sh --uninstall PREFIX
#
# `make install` and `make uninstall` run it (PREFIX defaults to /usr/local; DESTDIR is prepended for
# packaging). The man pages are generated from the commands themselves (swift-argument-parser's
# generate-manual reads `iamquiz --experimental-dump-help`), so they never disagree with `--help`; the
# completions come from `iamquiz --generate-completion-script` and call back into the installed iamquiz
# for topics, profiles and question ids.
set -eu

man1=share/man/man1
bash_dir=share/bash-completion/completions
zsh_dir=share/zsh/site-functions
fish_dir=share/fish/vendor_completions.d

if [ "${1:-}" = --uninstall ]; then
    prefix=${2:?usage: install.sh --uninstall PREFIX}
    rm -f "$prefix/bin/iamquiz" "$prefix/$man1/iamquiz.1" "$prefix/$man1"/iamquiz.*.1 \
        "$prefix/$bash_dir/iamquiz" "$prefix/$zsh_dir/_iamquiz" "$prefix/$fish_dir/iamquiz.fish"
    echo "Removed iamquiz, its man pages and completions from $prefix."
    exit 0
fi

bin=${1:?usage: install.sh BIN PREFIX}
prefix=${2:?usage: install.sh BIN PREFIX}
for tool in iamquiz generate-manual; do
    if [ ! -x "$bin/$tool" ]; then
        echo "error: $bin/$tool is not built (\`make install\` builds both)" >&2
        exit 1
    fi
done

mkdir -p "$prefix/bin" "$prefix/$man1" "$prefix/$bash_dir" "$prefix/$zsh_dir" "$prefix/$fish_dir"
install -m 755 "$bin/iamquiz" "$prefix/bin/iamquiz"

pages=$(mktemp -d)
trap 'rm -rf "$pages"' EXIT
# The date on the pages: the last commit's, so that the same sources give the same pages.
day=$(git -C "$(dirname "$0")" log -1 --format=%cs 2>/dev/null || date +%Y-%m-%d)
"$bin/generate-manual" "$prefix/bin/iamquiz" --multi-page --date "$day" --output-directory "$pages"
install -m 644 "$pages"/*.1 "$prefix/$man1/"

"$prefix/bin/iamquiz" --generate-completion-script bash > "$prefix/$bash_dir/iamquiz"
"$prefix/bin/iamquiz" --generate-completion-script zsh > "$prefix/$zsh_dir/_iamquiz"
"$prefix/bin/iamquiz" --generate-completion-script fish > "$prefix/$fish_dir/iamquiz.fish"

echo "Installed $prefix/bin/iamquiz, $(ls "$pages" | wc -l | tr -d ' ') man pages in $prefix/$man1 (\`man iamquiz\`),"
echo "and completions for bash ($prefix/$bash_dir), zsh ($prefix/$zsh_dir) and fish ($prefix/$fish_dir)."
