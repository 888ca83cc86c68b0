#pragma once

#include "core/check/finding.h"
#include "core/config/config.h"
#include "core/util/stoptoken.h"

#include <optional>

namespace ferry::check {

// The commit signer of a profile ("signing"): a test buffer shaped like a commit is signed with the
// configured key and program, exactly as a cycle signs (CommitSigner), and nothing is written anywhere.
// Only for a profile that signs; a failure names what the program said and what to do about it.
class SigningCheck
{
public:
    static std::optional<Finding> run(const config::Profile& profile, const util::StopToken& stop = {});

    // What is signed: a commit of the empty tree, never written to a repository.
    static QByteArray testContent();
};

} // namespace ferry::check
