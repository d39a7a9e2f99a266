#!/usr/bin/env python3
"""Lists C# files under src/ that declare more than one top-level type, or whose type isn't the file's name.
Top-level means at column 0 (the code uses file-scoped namespaces, so nested types are indented)."""
import pathlib, re, sys

declaration = re.compile(
    r'^(?:(?:public|internal|private|protected|file|static|sealed|abstract|partial|readonly|ref|record)\s+)*'
    r'(?:class|record|struct|enum|interface|delegate)\s+(?:struct\s+|class\s+)?([A-Za-z_]\w*)', re.M)
root = pathlib.Path(__file__).resolve().parent.parent / 'src'
found = False
for path in sorted(root.rglob('*.cs')):
    if {'bin', 'obj'} & set(path.parts):
        continue
    types = declaration.findall(path.read_text(encoding='utf-8'))
    # A page model (Index.cshtml.cs holding IndexModel) is named for its page.
    name = path.name.removesuffix('.cs').removesuffix('.cshtml')
    if len(types) > 1 or (types and types[0] not in (name, name + 'Model')):
        found = True
        print(f'{path.relative_to(root)}: {", ".join(types)}')
sys.exit(1 if found else 0)
