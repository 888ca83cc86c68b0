<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ferry::ui::CredentialsPage</name>
    <message>
        <source>An access token (HTTPS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An SSH key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How Ferry signs in to the repository.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stored in the OS keychain when you start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty: the SSH agent, then ~/.ssh/id_ed25519, id_ecdsa, id_rsa</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GitHub and most hosts take a personal access token with write access to the repository (GitHub: a fine-grained token with Contents: read and write).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ferry uses your SSH agent, or the key file below; the host&apos;s key must be in ~/.ssh/known_hosts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A repository on this computer needs no credentials: go on to the Test.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ferry::ui::DesktopController</name>
    <message>
        <source>The remote of %1 was reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was deleted. Upload your files onto the remote as they are, or make your folders what the remote has now (what goes is archived first).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload my files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take the remote&apos;s files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 keeps failing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New conflicts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflicts waiting in %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is failing: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is stopped: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is retrying: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflicts to resolve: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Held in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some changes of %1 are held until you act.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applying the new settings…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ferry::ui::FolderWizard</name>
    <message>
        <source>Add a folder — Ferry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A profile named &quot;%1&quot; exists already: choose another name.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ferry::ui::FoldersPage</name>
    <message>
        <source>Folders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which folders to sync, and where each one goes in the repository.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Path in the repository</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add another folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>for example: notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder to sync</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ferry::ui::HistoryModel</name>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ferry::ui::HistoryView</name>
    <message>
        <source>All tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Success</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a run to see its details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the history: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ferry::ui::IngestionEditor</name>
    <message>
        <source>GitHub pull requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>owner/name, one per line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token variable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repositories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Market data (daily pipeline)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ticker list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ticker lists (*.txt *.csv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key variable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ticker file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days of prices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests in flight (prices)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests in flight (valuations)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ferry::ui::PreviewPage</name>
    <message>
        <source>Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the first sync will do. Nothing has been written yet: Start saves the profile and syncs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflict policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comparing the folders with the branch…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No preview: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not started, nothing was written: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload: %1 · Download: %2 · Conflicts: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The branch does not exist yet: the first sync creates it with your files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files both sides have with different content are settled by the conflict policy shown: keep-both keeps the remote&apos;s under the name and yours as a conflict copy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To upload (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To download (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflicts (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ferry::ui::ProfileCard</name>
    <message numerus="yes">
        <source>%n files, %1</source>
        <translation>
            <numerusform>%n file, %1</numerusform>
            <numerusform>%n files, %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n pending conflicts</source>
        <translation>
            <numerusform>%n pending conflict</numerusform>
            <numerusform>%n pending conflicts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n held deletions</source>
        <translation>
            <numerusform>%n held deletion</numerusform>
            <numerusform>%n held deletions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n files too large</source>
        <translation>
            <numerusform>%n file too large</numerusform>
            <numerusform>%n files too large</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unreadable paths</source>
        <translation>
            <numerusform>%n unreadable path</numerusform>
            <numerusform>%n unreadable paths</numerusform>
        </translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open on the web</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%v of %m files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test the remote and the credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tracked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next full scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Held</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cycles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Success rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflicts resolved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last sync %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not synced yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>—</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 % (%2 failed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 automatically, %2 by hand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing held</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deletions held (%1): they wait until you allow them (ferry sync --allow-mass-delete).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files not synced (%1):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(the first %1 of each are listed; ferry status lists all)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ferry::ui::ProfileCardsView</name>
    <message>
        <source>No folders are synced yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a folder and a Git repository: Ferry keeps them in step, in both directions, and keeps the versions it replaces.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a folder…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ferry::ui::ProfileCheckDialog</name>
    <message>
        <source>Check again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check %1 — Ferry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ferry::ui::ProfileEditor</name>
    <message>
        <source>Local folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Path in the repository</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pattern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The environment variable that holds the token for HTTPS remotes; the token itself is never written to the config.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One pattern per line, as in .gitignore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First match wins.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder to sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remote</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Branch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token variable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checks the folders, the remote, its host key, the credentials, the branch and push permission, as ferry doctor does; nothing is synced.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full scan every</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait after a change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the remote every</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflict rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All checks passed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems found: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ferry::ui::ProfilesModel</name>
    <message>
        <source>Syncing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retrying</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped: needs you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Healthy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Health</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last cycle</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ferry::ui::RecentChangesModel</name>
    <message>
        <source>Uploaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted on the remote</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deletion held</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ferry::ui::RecentChangesView</name>
    <message>
        <source>All profiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the file on this machine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The versions of this file that Ferry archived before replacing them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put the selected version back (what is there now is archived first)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No archived versions of this file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restored to %1; the next sync takes it up.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ferry::ui::RemotePage</name>
    <message>
        <source>Repository</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Git repository the folders sync with, and its branch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remote:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTPS (https://github.com/you/notes.git), SSH (git@github.com:you/notes.git) or a folder on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Branch:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A branch the repository does not have yet is created by the first sync.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ferry::ui::RepositoriesModel</name>
    <message>
        <source>Syncing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Synced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repository</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last error</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ferry::ui::ResolverWindow</name>
    <message>
        <source>Resolve conflicts — Ferry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep local</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep remote</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep both</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save merged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local (this machine)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remote (the branch)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merged result (editable)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflicts pending: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; — policy %2, %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Records changed on both sides: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Binary file, size in bytes: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change %1: local lines %2, remote lines %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take local</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take remote</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take both</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ferry::ui::RunChart</name>
    <message numerus="yes">
        <source>, %n rows</source>
        <translation>
            <numerusform>, %n row</numerusform>
            <numerusform>, %n rows</numerusform>
        </translation>
    </message>
    <message>
        <source>Success</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chart of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Point at a run to see it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2, %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, took %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ferry::ui::ScheduleEditor</name>
    <message>
        <source>UTC, local (this machine&apos;s time zone) or a name such as Europe/Berlin</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ferry::ui::SchedulesModel</name>
    <message>
        <source>every day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2, %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>due now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pipeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next run</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ferry::ui::SettingsDialog</name>
    <message>
        <source>Start Ferry when I log in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings — Ferry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>profile%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ingestion and schedules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty: DATABASE_URL, else the embedded SQLite store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PostgreSQL URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No password here: libpq reads PGPASSWORD or ~/.pgpass.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language (after a restart)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>General</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The config file could not be read; saving replaces it:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: fix the fields marked in red.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved; launch at login: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved; tokens stored in the keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved, but a token could not be stored in the keychain (it is used until Ferry quits): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The embedded SQLite store is used (or DATABASE_URL when it is set).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected: schema version %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot connect: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ferry::ui::StatusWindow</name>
    <message>
        <source>Status — Ferry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetch the selected repository&apos;s pull requests and reviews now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repositories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schedules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent changes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ferry::ui::TestPage</name>
    <message>
        <source>Test again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ferry checks the folders, that the remote answers, the credentials, the branch and that pushing is permitted. Nothing is written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go Back to the fields marked in red, or fix the cause and Test again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ferry::ui::TokenStore</name>
    <message>
        <source>stored in the OS keychain; leave empty to keep the stored one</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ferry::ui::TrayIcon</name>
    <message>
        <source>Sync &amp;now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pause syncing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run &amp;pipeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Status…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;ettings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit Ferry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The remote of %1 was reset: choose what happens…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Synced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflicts to resolve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ferry — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last sync: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resume syncing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolve &amp;conflicts (%1)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ferry — No folders are synced yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Status… and choose Add a folder… to start.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ferry::ui::TrayNotifier</name>
    <message>
        <source>(%1 more not shown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 left work undone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The remote of %1 was reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Syncing is paused until you choose what happens: click here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deletions held in %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
