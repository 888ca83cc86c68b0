#include "core/merge/textmerge.h"

#include "core/git/library.h"

#include <git2.h>
#include <memory>
#include <QStringDecoder>

namespace ferry::merge {
namespace {

// libgit2 owns the merged buffer of a result: freed when this goes out of scope.
struct MergeFileResult
{
    git_merge_file_result value{};
    ~MergeFileResult() { git_merge_file_result_free(&value); }
};

bool isText(const QByteArray& bytes)
{
    if (bytes.contains('\0'))
        return false;
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString decoded = utf8.decode(bytes); // decodes on conversion
    return !utf8.hasError();
}

bool usesCrlf(const QByteArray& bytes)
{
    return bytes.contains("\r\n");
}

// Marker lines come out with "\n"; in a CRLF file every bare "\n" becomes "\r\n".
QByteArray withCrlf(const QByteArray& text)
{
    QByteArray out;
    out.reserve(text.size() + text.size() / 20);
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r'))
            out += '\r';
        out += text[i];
    }
    return out;
}

git_merge_file_input input(const QByteArray& bytes, const char* label)
{
    git_merge_file_input in = GIT_MERGE_FILE_INPUT_INIT;
    in.ptr = bytes.constData();
    in.size = size_t(bytes.size());
    in.path = label;
    return in;
}

} // namespace

TextMerge::Outcome TextMerge::merge(const QByteArray& base, const QByteArray& local, const QByteArray& remote)
{
    Outcome outcome;
    for (const auto& [bytes, name] :
         {std::pair{&base, "base"}, std::pair{&local, "local"}, std::pair{&remote, "remote"}}) {
        if (!isText(*bytes)) {
            outcome.reason =
                QStringLiteral("the %1 version is binary or not UTF-8").arg(QString::fromLatin1(name));
            return outcome;
        }
    }
    const git::Library library;
    const git_merge_file_input ancestor = input(base, "base");
    const git_merge_file_input ours = input(local, "local");
    const git_merge_file_input theirs = input(remote, "remote");
    git_merge_file_options options = GIT_MERGE_FILE_OPTIONS_INIT;
    options.ancestor_label = "base";
    options.our_label = "local";
    options.their_label = "remote";
    options.flags = GIT_MERGE_FILE_STYLE_DIFF3; // the base lines too: what each side changed is visible
    MergeFileResult result;
    if (git_merge_file(&result.value, &ancestor, &ours, &theirs, &options) != 0) {
        const git_error* e = git_error_last();
        outcome.reason = QStringLiteral("the text merge failed: %1")
                             .arg(e ? QString::fromUtf8(e->message) : QStringLiteral("unknown error"));
        return outcome;
    }
    outcome.merged = QByteArray(result.value.ptr, qsizetype(result.value.len));
    outcome.clean = result.value.automergeable != 0;
    if (!outcome.clean) {
        if (usesCrlf(local) || usesCrlf(remote))
            outcome.merged = withCrlf(outcome.merged);
        for (qsizetype at = 0; (at = outcome.merged.indexOf("<<<<<<< local", at)) >= 0; ++at) {
            if (at == 0 || outcome.merged[at - 1] == '\n')
                ++outcome.conflictingHunks;
        }
    }
    outcome.applicable = true;
    return outcome;
}

} // namespace ferry::merge
