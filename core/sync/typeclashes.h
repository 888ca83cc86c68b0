#pragma once

#include "core/sync/reconciler.h"
#include "core/sync/syncplan.h"

namespace ferry::sync {

// A file on one side where the other side has a folder of the same name (a file turned into a folder
// on one machine, or one machine creating each): Git cannot hold both, and a tree update would fail
// for good. After the plan is made, every such clash is turned into keep-both: the folder keeps the
// name on both sides, the file moves to its conflict name on both sides (SyncPlan::typeClashes), and
// nothing else of the plan touches the file's path.
class TypeClashes
{
public:
    static void resolve(const Reconciler::Input& input, SyncPlan& plan);
};

} // namespace ferry::sync
