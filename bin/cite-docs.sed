# Rewrites the code's citations of the old design document (DESIGN.md, kept outside the
# repository) into citations of the project's own docs/. Run once from the project root:
#
#   git grep -lz 'DESIGN\.md' -- . ':!docs' ':!bin/cite-docs.sed' ':!tests/unit/release' \
#     | xargs -0 sed -i -E -f bin/cite-docs.sed
#
# DESIGN.md §1–§3.13 (the problem, what Klarna sends, the probe protocol) became
# docs/probe-protocol.md §1–§13; §4 (architecture) and §5 (rules) are docs/architecture.md.
# A number matches only whole (§3 is not the start of §3.6, nor §3.1 of §3.13).

# "DESIGN.md §3.5 and §3.7": give the second number its document, collapsed again below.
s/DESIGN\.md §([0-9.]+) and §([0-9.]+)/DESIGN.md §\1 and DESIGN.md §\2/g

s/DESIGN\.md §3\.13([^.0-9]|\.([^0-9]|$)|$)/docs\/probe-protocol.md §13\1/g
s/DESIGN\.md §3\.12([^.0-9]|\.([^0-9]|$)|$)/docs\/probe-protocol.md §10\1/g
s/DESIGN\.md §3\.11([^.0-9]|\.([^0-9]|$)|$)/docs\/probe-protocol.md §7\1/g
s/DESIGN\.md §3\.10([^.0-9]|\.([^0-9]|$)|$)/docs\/probe-protocol.md §8\1/g
s/DESIGN\.md §3\.9([^.0-9]|\.([^0-9]|$)|$)/docs\/probe-protocol.md §12\1/g
s/DESIGN\.md §3\.8([^.0-9]|\.([^0-9]|$)|$)/docs\/probe-protocol.md §11\1/g
s/DESIGN\.md §3\.7([^.0-9]|\.([^0-9]|$)|$)/docs\/probe-protocol.md §10\1/g
s/DESIGN\.md §3\.6([^.0-9]|\.([^0-9]|$)|$)/docs\/probe-protocol.md §9\1/g
s/DESIGN\.md §3\.5([^.0-9]|\.([^0-9]|$)|$)/docs\/probe-protocol.md §8\1/g
s/DESIGN\.md §3\.4([^.0-9]|\.([^0-9]|$)|$)/docs\/probe-protocol.md §7\1/g
s/DESIGN\.md §3\.3([^.0-9]|\.([^0-9]|$)|$)/docs\/probe-protocol.md §6\1/g
s/DESIGN\.md §3\.2([^.0-9]|\.([^0-9]|$)|$)/docs\/probe-protocol.md §5\1/g
s/DESIGN\.md §3\.1([^.0-9]|\.([^0-9]|$)|$)/docs\/probe-protocol.md §4\1/g
s/DESIGN\.md §3([^.0-9]|\.([^0-9]|$)|$)/docs\/probe-protocol.md §3\1/g
s/DESIGN\.md §2([^.0-9]|\.([^0-9]|$)|$)/docs\/probe-protocol.md §2\1/g
s/DESIGN\.md §1([^.0-9]|\.([^0-9]|$)|$)/docs\/probe-protocol.md §1\1/g
s/DESIGN\.md §4([^.0-9]|\.([^0-9]|$)|$)/docs\/architecture.md\1/g
s/DESIGN\.md §5([^.0-9]|\.([^0-9]|$)|$)/docs\/architecture.md §5\1/g

s/(docs\/[a-z-]+\.md) (§[0-9]+) and \1 (§[0-9]+)/\1 \2 and \3/g

# includes/Probe/Runner.php repeats a citation by its number alone.
s/says nothing about Klarna \(§3\.8\)/says nothing about Klarna (docs\/probe-protocol.md §11)/
