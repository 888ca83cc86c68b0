#pragma once

namespace ferry::sync {

// Keeps libgit2 initialised while alive; libgit2 counts init/shutdown pairs, so these nest freely.
class GitLibrary
{
public:
    GitLibrary();
    ~GitLibrary();
    GitLibrary(const GitLibrary&) = delete;
    GitLibrary& operator=(const GitLibrary&) = delete;
};

} // namespace ferry::sync
