// No crash, no hang; a clean merge of identical sides gives that text back.
#include "core/git/library.h"
#include "core/merge/textmerge.h"
#include "tests/fuzz/splitinput.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static const ferry::git::Library library; // as in Ferry: initialised once, not per merge
    const ThreeVersions v = ThreeVersions::from(data, size);
    const ferry::merge::TextMerge::Outcome o = ferry::merge::TextMerge::merge(v.base, v.local, v.remote);
    if (o.applicable && o.clean != (o.conflictingHunks == 0))
        std::abort();
    const ferry::merge::TextMerge::Outcome same = ferry::merge::TextMerge::merge(v.base, v.local, v.local);
    if (same.applicable && (!same.clean || same.merged != v.local))
        std::abort(); // both sides agree: nothing to merge
    return 0;
}
