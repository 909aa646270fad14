#!/bin/sh
# CLI tests of the input list: directory walks (symbolic links, FIFOs, empty directories), the
# shape of parse's JSON for directories, and JSON output for a file whose name is not UTF-8.
# usage: inputs.sh GONGKAI SOURCE_ROOT
. "$(dirname "$0")/lib.sh" "$@"
exec </dev/null # nothing here reads standard input
# expect_no_grep PATTERN FILE : FILE does not contain PATTERN
expect_no_grep() {
    if grep -qF -- "$1" "$2"; then bad "'$1' in $2"; else ok; fi
}

# expect_files WANT : the files named in the CSV in $tmp/out, in order, are WANT
expect_files() {
    got=$(cut -d, -f1 "$tmp/out" | uniq | tr '\n' ' ')
    if [ "$got" = "file $1 " ]; then ok; else bad "files read: $got; want $1"; fi
}

# expect_json FILE : FILE is valid JSON; its pretty form is left in $tmp/pretty
expect_json() {
    if python3 -m json.tool "$1" >"$tmp/pretty" 2>"$tmp/json.err" && [ -s "$tmp/pretty" ]; then ok
    else bad "not JSON ($(head -c 200 "$tmp/json.err")): $(head -c 300 "$1")"; fi
}

# expect_json_top KIND : the JSON in $tmp/out is an array of KIND elements, or an object (KIND -)
expect_json_top() {
    got=$(python3 -c 'import json,sys
v = json.load(open(sys.argv[1]))
print(len(v) if isinstance(v, list) else "-")' "$tmp/out" 2>&1 | tail -n 1)
    if [ "$got" = "$1" ]; then ok; else bad "JSON top level: $got, want $1"; fi
}

a=$ex/003_43b3efced0382fbe.txt
b=$ex/002_dc3f67fcb14f95e4.txt
e=$ex/000_610e68cbc9aa9a29.txt

# a link back up the tree is not followed: no "nested too deep", each file read once
mkdir -p "$tmp/loop/sub"
cp "$a" "$tmp/loop/a.txt"
cp "$b" "$tmp/loop/sub/b.txt"
ln -s .. "$tmp/loop/sub/up"
expect_status 0 "$gk" parse --format csv "$tmp/loop"
expect_files "$tmp/loop/a.txt $tmp/loop/sub/b.txt"
expect_no_grep "nested too deep" "$tmp/err"
expect_grep "$tmp/loop/sub/up: 跳过指向目录的符号链接 / skipped: a symbolic link to a directory" "$tmp/err"
expect_status 0 "$gk" check "$tmp/loop"

# a link to a sibling directory: its files are not read a second time
mkdir -p "$tmp/twice/real"
cp "$a" "$tmp/twice/real/a.txt"
ln -s real "$tmp/twice/alias"
expect_status 0 "$gk" parse --format csv "$tmp/twice"
expect_files "$tmp/twice/real/a.txt"
# ... but a link to a directory named on the command line is walked
expect_status 0 "$gk" parse --format csv "$tmp/twice/alias"
expect_files "$tmp/twice/alias/a.txt"

# a link to a regular file is read; a dangling link is skipped with a note
mkdir "$tmp/filelink"
ln -s "$(cd "$(dirname "$b")" && pwd)/$(basename "$b")" "$tmp/filelink/b.txt"
ln -s nowhere.txt "$tmp/filelink/c.txt"
expect_status 0 "$gk" parse --format csv "$tmp/filelink"
expect_files "$tmp/filelink/b.txt"
expect_grep "$tmp/filelink/c.txt: 跳过，不是普通文件 / skipped: not a regular file" "$tmp/err"

# a FIFO in a directory is skipped instead of waited on
mkdir "$tmp/fifo"
cp "$a" "$tmp/fifo/a.txt"
if mkfifo "$tmp/fifo/pipe.txt"; then
    expect_status 0 "$gk" check "$tmp/fifo"
    expect_grep "$tmp/fifo/pipe.txt: 跳过，不是普通文件 / skipped: not a regular file" "$tmp/err"
    expect_status 0 "$gk" parse --format csv "$tmp/fifo"
    expect_files "$tmp/fifo/a.txt"
else
    bad "mkfifo failed"
fi

# a directory without files is unreadable input: a message and exit 2
mkdir -p "$tmp/empty" "$tmp/hidden/.git" "$tmp/nested/a/b"
cp "$a" "$tmp/hidden/.git/a.txt"
for d in empty hidden nested; do
    expect_status 2 "$gk" check "$tmp/$d"
    expect_grep "$tmp/$d: 目录中没有文件 / no files in directory" "$tmp/err"
    if [ -s "$tmp/out" ]; then bad "check of empty $d printed $(head -c 200 "$tmp/out")"; else ok; fi
done
expect_status 2 "$gk" parse --format json "$tmp/empty"
expect_grep "目录中没有文件" "$tmp/err"
expect_json "$tmp/out"
expect_json_top 0
# ... the other inputs are still read
expect_status 2 "$gk" check "$tmp/empty" "$a"
expect_grep "目录中没有文件" "$tmp/err"
expect_status 2 "$gk" parse --format csv "$a" "$tmp/empty"
expect_files "$a"

# parse --format json: a directory always gives an array, a single file one object
mkdir -p "$tmp/one" "$tmp/two"
cp "$a" "$tmp/one/a.txt"
cp "$a" "$tmp/two/a.txt"
cp "$b" "$tmp/two/b.txt"
expect_status 0 "$gk" parse --format json "$tmp/one"
expect_json_top 1
expect_status 0 "$gk" parse --format json "$tmp/two"
expect_json_top 2
expect_status 0 "$gk" parse --format json "$a"
expect_json_top -
expect_status 0 "$gk" parse --format json "$a" "$b"
expect_json_top 2
expect_status 0 "$gk" parse --format json "$tmp/one/a.txt"
expect_json_top -

# a file name that is not UTF-8 (GBK 中.txt): JSON keeps its diagnostics and cells, the bad
# bytes of the name replaced by U+FFFD
mkdir "$tmp/gbk"
cp "$e" "$tmp/gbk/$(printf '\326\320').txt"
expect_status 1 "$gk" check --format json "$tmp/gbk"
expect_json "$tmp/out"
expect_grep '"rule": "P-COUNT"' "$tmp/pretty"
expect_grep '"expected": "17"' "$tmp/pretty"
expect_grep '/gbk/\ufffd\ufffd.txt"' "$tmp/pretty"
expect_status 0 "$gk" parse --format json "$tmp/gbk"
expect_json "$tmp/out"
expect_json_top 1
expect_grep '"t3.grant.legal": null' "$tmp/pretty"
expect_grep '"rule": "P-COUNT"' "$tmp/pretty"
expect_grep '/gbk/\ufffd\ufffd.txt"' "$tmp/pretty"
# the text file's encoding is named; PDF and DOCX may give null
expect_grep '"encoding": "UTF-8"' "$tmp/pretty"
# other bytes jansson refuses: a surrogate, past U+10FFFF, overlong, cut short, a lone byte
mkdir "$tmp/bytes"
for name in '\355\240\200' '\364\220\200\200' '\300\257' 'x\344\270' '\200y' '\377'; do
    cp "$a" "$tmp/bytes/$(printf "$name").txt"
done
expect_status 0 "$gk" check --format json "$tmp/bytes"
if [ "$(python3 -c 'import json,sys
print(sum(1 for l in open(sys.argv[1]) if json.loads(l)["file"].count("\ufffd")))' "$tmp/out" 2>&1 |
    tail -n 1)" = 6 ]; then ok; else bad "names with bad bytes: $(head -c 600 "$tmp/out")"; fi
# the gcc format passes the name through as it is
expect_status 1 "$gk" check "$tmp/gbk"
expect_grep "$tmp/gbk/$(printf '\326\320').txt:17:163: 错误:" "$tmp/out"

finish
