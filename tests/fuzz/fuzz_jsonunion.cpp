// No crash, no hang, and when every side is valid JSON the merged output is valid JSON too.
#include "core/merge/jsonunion.h"
#include "tests/fuzz/splitinput.h"

#include <cstdlib>
#include <nlohmann/json.hpp>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const ThreeVersions v = ThreeVersions::from(data, size);
    const ferry::merge::JsonUnion::Outcome o = ferry::merge::JsonUnion::merge(v.base, v.local, v.remote);
    const auto valid = [](const QByteArray& b) {
        return nlohmann::json::accept(b.constBegin(), b.constEnd());
    };
    if (o.applicable && !valid(o.merged))
        std::abort(); // the merge produced something that is not JSON
    if (o.applicable && !(valid(v.local) && valid(v.remote)))
        std::abort(); // merged although a side was not JSON
    return 0;
}
