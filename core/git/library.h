#pragma once

namespace ferry::git {

// Keeps libgit2 initialised while alive; libgit2 counts init/shutdown pairs, so these nest freely.
class Library
{
public:
    Library();
    ~Library();
    Library(const Library&) = delete;
    Library& operator=(const Library&) = delete;
};

} // namespace ferry::git
