#!/usr/bin/python3
"""Checks the layering that the include paths make visible (docs/development.md, "Layers"):

1. every project include is rooted at the repository ("core/store/store.h", not "store.h"), so a line
   shows the layer it reaches into;
2. core/ includes only core/, ui/ only core/ and ui/, app/ anything of the three (never tests/);
3. the folders of core/ include each other without a cycle (merge uses git, sync uses merge and git,
   never the other way round).

Prints one line per finding and exits 1 if there is any. Usage: tools/check-layers.py [REPO]"""
import os
import re
import sys

ROOT = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..'))
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
ALLOWED = {'core': ('core/',), 'ui': ('core/', 'ui/'), 'app': ('core/', 'ui/', 'app/'),
           'tests': ('core/', 'ui/', 'app/', 'tests/')}


def sources():
    for top in ALLOWED:
        for folder, _, names in os.walk(os.path.join(ROOT, top)):
            for name in sorted(names):
                if name.endswith(('.h', '.cpp')):
                    yield os.path.relpath(os.path.join(folder, name), ROOT)


def find_cycle(graph):
    """A list of folders forming a cycle, or None (depth-first search with colours)."""
    state, stack = {}, []

    def visit(node):
        state[node] = 'open'
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 'open':
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 'done'
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def main():
    findings, graph = [], {}
    for path in sources():
        top = path.split('/')[0]
        with open(os.path.join(ROOT, path), encoding='utf-8') as f:
            text = f.read()
        for target in INCLUDE.findall(text):
            if target.endswith('.moc'):
                continue  # generated next to the object file by AUTOMOC
            if not os.path.isfile(os.path.join(ROOT, target)):
                findings.append(f'{path}: include "{target}" names no file from the repository root (includes are rooted: "core/...")')
                continue
            if not target.startswith(ALLOWED[top]):
                findings.append(f'{path}: {top}/ must not include "{target}"')
            if top == 'core' and path.count('/') >= 2 and target.count('/') >= 2:
                source_folder, target_folder = os.path.dirname(path), os.path.dirname(target)
                if source_folder != target_folder:
                    graph.setdefault(source_folder, set()).add(target_folder)
    cycle = find_cycle(graph)
    if cycle:
        findings.append('core/ folders include each other in a cycle: ' + ' -> '.join(cycle))
    for line in findings:
        print(line)
    print(f'check-layers: {len(findings)} finding(s), {len(graph)} core folders with outgoing includes')
    return 1 if findings else 0


if __name__ == '__main__':
    sys.exit(main())
