#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace ferry::git {

// Which packs a repack rewrites, as `git repack --geometric=2` chooses: sorted by size, the packs that
// each weigh at least twice all the smaller ones together stay as they are; the rest (and every loose
// object) go into one new pack. A repository that grows by small packs thus rewrites only the small end,
// the large pack of its history stays untouched, and the number of packs stays logarithmic in their size.
// Once the small packs together weigh half the largest one, the rule rolls everything up: that full
// repack (with the delta search over all objects) comes about each time the history doubles.
class PackPlan
{
public:
    struct Pack
    {
        QString path; // of the .pack
        qint64 bytes = 0;
    };

    static constexpr int kFactor = 2;

    // `forceFull` rolls up every pack (a pack count past the threshold that the rule alone would not
    // lower, e.g. packs kept by an older plan).
    static PackPlan choose(QList<Pack> packs, bool forceFull = false);
    // The same for the packs in a folder, sized on disk.
    static PackPlan choose(const QStringList& packPaths, bool forceFull = false);

    const QStringList& rollUp() const { return m_rollUp; } // merged into the new pack, then dropped
    const QStringList& keep() const { return m_keep; }     // left alone
    bool full() const { return m_keep.isEmpty(); }

private:
    QStringList m_rollUp;
    QStringList m_keep;
};

} // namespace ferry::git
