<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ferry::ui::CredentialsPage</name>
    <message>
        <source>An access token (HTTPS)</source>
        <translation>Ein Zugriffstoken (HTTPS)</translation>
    </message>
    <message>
        <source>An SSH key</source>
        <translation>Ein SSH-Schlüssel</translation>
    </message>
    <message>
        <source>Credentials</source>
        <translation>Zugangsdaten</translation>
    </message>
    <message>
        <source>How Ferry signs in to the repository.</source>
        <translation>Wie sich Ferry beim Repository anmeldet.</translation>
    </message>
    <message>
        <source>stored in the OS keychain when you start</source>
        <translation>wird beim Starten im Schlüsselbund des Systems gespeichert</translation>
    </message>
    <message>
        <source>empty: the SSH agent, then ~/.ssh/id_ed25519, id_ecdsa, id_rsa</source>
        <translation>leer: der SSH-Agent, dann ~/.ssh/id_ed25519, id_ecdsa, id_rsa</translation>
    </message>
    <message>
        <source>Token:</source>
        <translation>Token:</translation>
    </message>
    <message>
        <source>Key file:</source>
        <translation>Schlüsseldatei:</translation>
    </message>
    <message>
        <source>GitHub and most hosts take a personal access token with write access to the repository (GitHub: a fine-grained token with Contents: read and write).</source>
        <translation>GitHub und die meisten Hosts nehmen ein persönliches Zugriffstoken mit Schreibzugriff auf das Repository (GitHub: ein fein abgestuftes Token mit Contents: read and write).</translation>
    </message>
    <message>
        <source>Ferry uses your SSH agent, or the key file below; the host&apos;s key must be in ~/.ssh/known_hosts.</source>
        <translation>Ferry verwendet Ihren SSH-Agenten oder die Schlüsseldatei unten; der Schlüssel des Hosts muss in ~/.ssh/known_hosts stehen.</translation>
    </message>
    <message>
        <source>A repository on this computer needs no credentials: go on to the Test.</source>
        <translation>Ein Repository auf diesem Computer braucht keine Zugangsdaten: Weiter zum Test.</translation>
    </message>
</context>
<context>
    <name>ferry::ui::DesktopController</name>
    <message>
        <source>New conflicts</source>
        <translation>Neue Konflikte</translation>
    </message>
    <message>
        <source>%1 keeps failing</source>
        <translation>%1 schlägt wiederholt fehl</translation>
    </message>
    <message>
        <source>Conflicts waiting in %1: %2</source>
        <translation>Wartende Konflikte in %1: %2</translation>
    </message>
    <message>
        <source>Conflicts to resolve: %1</source>
        <translation>Zu lösende Konflikte: %1</translation>
    </message>
    <message>
        <source>%1 is stopped</source>
        <translation>%1 ist angehalten</translation>
    </message>
    <message>
        <source>%1 is failing: %2</source>
        <translation>%1 schlägt fehl: %2</translation>
    </message>
    <message>
        <source>%1 is stopped: %2</source>
        <translation>%1 ist angehalten: %2</translation>
    </message>
    <message>
        <source>%1 is retrying: %2</source>
        <translation>%1 versucht es erneut: %2</translation>
    </message>
    <message>
        <source>The remote of %1 was reset</source>
        <translation>Das Remote von %1 wurde zurückgesetzt</translation>
    </message>
    <message>
        <source>Nothing was deleted. Upload your files onto the remote as they are, or make your folders what the remote has now (what goes is archived first).</source>
        <translation>Es wurde nichts gelöscht. Laden Sie Ihre Dateien so, wie sie sind, auf das Remote hoch, oder machen Sie Ihre Ordner zu dem, was das Remote jetzt hat (was wegfällt, wird vorher archiviert).</translation>
    </message>
    <message>
        <source>Upload my files</source>
        <translation>Meine Dateien hochladen</translation>
    </message>
    <message>
        <source>Take the remote&apos;s files</source>
        <translation>Die Dateien des Remotes übernehmen</translation>
    </message>
    <message>
        <source>Held in %1</source>
        <translation>Zurückgehalten in %1</translation>
    </message>
    <message>
        <source>Some changes of %1 are held until you act.</source>
        <translation>Einige Änderungen von %1 warten auf Sie.</translation>
    </message>
    <message>
        <source>Applying the new settings…</source>
        <translation>Die neuen Einstellungen werden übernommen…</translation>
    </message>
</context>
<context>
    <name>ferry::ui::FolderWizard</name>
    <message>
        <source>Add a folder — Ferry</source>
        <translation>Ordner hinzufügen — Ferry</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>A profile named &quot;%1&quot; exists already: choose another name.</source>
        <translation>Ein Profil namens „%1“ gibt es bereits: Wählen Sie einen anderen Namen.</translation>
    </message>
</context>
<context>
    <name>ferry::ui::FoldersPage</name>
    <message>
        <source>Folders</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>Which folders to sync, and where each one goes in the repository.</source>
        <translation>Welche Ordner synchronisiert werden und wohin jeder im Repository gehört.</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Folder on this computer</source>
        <translation>Ordner auf diesem Computer</translation>
    </message>
    <message>
        <source>Path in the repository</source>
        <translation>Pfad im Repository</translation>
    </message>
    <message>
        <source>Add another folder</source>
        <translation>Weiteren Ordner hinzufügen</translation>
    </message>
    <message>
        <source>for example: notes</source>
        <translation>zum Beispiel: notes</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Folder to sync</source>
        <translation>Zu synchronisierender Ordner</translation>
    </message>
</context>
<context>
    <name>ferry::ui::HistoryModel</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Aufgabe</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Zeilen</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
</context>
<context>
    <name>ferry::ui::HistoryView</name>
    <message>
        <source>All tasks</source>
        <translation>Alle Aufgaben</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Jeder Status</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Partial</source>
        <translation>Teilweise</translation>
    </message>
    <message>
        <source>Success</source>
        <translation>Erfolgreich</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Letzte 24 Stunden</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <source>All time</source>
        <translation>Gesamter Zeitraum</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Select a run to see its details.</source>
        <translation>Wählen Sie einen Lauf, um seine Details zu sehen.</translation>
    </message>
    <message>
        <source>Could not read the history: %1</source>
        <translation>Der Verlauf konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Aufgabe</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>ferry::ui::IngestionEditor</name>
    <message>
        <source>GitHub pull requests</source>
        <translation>GitHub-Pull-Requests</translation>
    </message>
    <message>
        <source>owner/name, one per line</source>
        <translation>besitzer/name, eines pro Zeile</translation>
    </message>
    <message>
        <source>API address</source>
        <translation>API-Adresse</translation>
    </message>
    <message>
        <source>Token variable</source>
        <translation>Token-Variable</translation>
    </message>
    <message>
        <source>Repositories</source>
        <translation>Repositories</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Zeitplan</translation>
    </message>
    <message>
        <source>Market data (daily pipeline)</source>
        <translation>Marktdaten (tägliche Pipeline)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Ticker list</source>
        <translation>Tickerliste</translation>
    </message>
    <message>
        <source>Ticker lists (*.txt *.csv);;All files (*)</source>
        <translation>Tickerlisten (*.txt *.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Key variable</source>
        <translation>Schlüssel-Variable</translation>
    </message>
    <message>
        <source>Ticker file</source>
        <translation>Tickerdatei</translation>
    </message>
    <message>
        <source>Days of prices</source>
        <translation>Tage mit Kursen</translation>
    </message>
    <message>
        <source>Requests in flight (prices)</source>
        <translation>Gleichzeitige Anfragen (Kurse)</translation>
    </message>
    <message>
        <source>Requests in flight (valuations)</source>
        <translation>Gleichzeitige Anfragen (Bewertungen)</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
</context>
<context>
    <name>ferry::ui::PreviewPage</name>
    <message>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <source>What the first sync will do. Nothing has been written yet: Start saves the profile and syncs.</source>
        <translation>Was die erste Synchronisierung tun wird. Noch ist nichts geschrieben: Starten speichert das Profil und synchronisiert.</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>Conflict policy</source>
        <translation>Konfliktregel</translation>
    </message>
    <message>
        <source>Comparing the folders with the branch…</source>
        <translation>Die Ordner werden mit dem Branch verglichen…</translation>
    </message>
    <message>
        <source>No preview: %1</source>
        <translation>Keine Vorschau: %1</translation>
    </message>
    <message>
        <source>Not started, nothing was written: %1</source>
        <translation>Nicht gestartet, nichts wurde geschrieben: %1</translation>
    </message>
    <message>
        <source>Upload: %1 · Download: %2 · Conflicts: %3</source>
        <translation>Hochladen: %1 · Herunterladen: %2 · Konflikte: %3</translation>
    </message>
    <message>
        <source>The branch does not exist yet: the first sync creates it with your files.</source>
        <translation>Den Branch gibt es noch nicht: Die erste Synchronisierung legt ihn mit Ihren Dateien an.</translation>
    </message>
    <message>
        <source>Files both sides have with different content are settled by the conflict policy shown: keep-both keeps the remote&apos;s under the name and yours as a conflict copy.</source>
        <translation>Dateien, die beide Seiten mit unterschiedlichem Inhalt haben, werden nach der angezeigten Konfliktregel gelöst: keep-both behält die des Remotes unter dem Namen und Ihre als Konfliktkopie.</translation>
    </message>
    <message>
        <source>To upload (%1)</source>
        <translation>Hochzuladen (%1)</translation>
    </message>
    <message>
        <source>To download (%1)</source>
        <translation>Herunterzuladen (%1)</translation>
    </message>
    <message>
        <source>Conflicts (%1)</source>
        <translation>Konflikte (%1)</translation>
    </message>
</context>
<context>
    <name>ferry::ui::ProfileCard</name>
    <message>
        <source>Sync now</source>
        <translation>Jetzt synchronisieren</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausieren</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Ordner öffnen</translation>
    </message>
    <message>
        <source>Open on the web</source>
        <translation>Im Web öffnen</translation>
    </message>
    <message>
        <source>%v of %m files</source>
        <translation>%v von %m Dateien</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <source>Test the remote and the credentials</source>
        <translation>Remote und Zugangsdaten testen</translation>
    </message>
    <message>
        <source>Tracked</source>
        <translation>Erfasst</translation>
    </message>
    <message>
        <source>Next full scan</source>
        <translation>Nächster vollständiger Scan</translation>
    </message>
    <message>
        <source>Changes waiting</source>
        <translation>Wartende Änderungen</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Konflikte</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>Zurückgehalten</translation>
    </message>
    <message>
        <source>Cycles</source>
        <translation>Durchläufe</translation>
    </message>
    <message>
        <source>Success rate</source>
        <translation>Erfolgsquote</translation>
    </message>
    <message>
        <source>Average duration</source>
        <translation>Mittlere Dauer</translation>
    </message>
    <message>
        <source>Conflicts resolved</source>
        <translation>Gelöste Konflikte</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Last sync %1: %2</source>
        <translation>Letzte Synchronisierung %1: %2</translation>
    </message>
    <message>
        <source>Not synced yet.</source>
        <translation>Noch nicht synchronisiert.</translation>
    </message>
    <message numerus="yes">
        <source>%n files, %1</source>
        <translation>
            <numerusform>%n Datei, %1</numerusform>
            <numerusform>%n Dateien, %1</numerusform>
        </translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>%1 % (%2 failed)</source>
        <translation>%1 % (%2 fehlgeschlagen)</translation>
    </message>
    <message>
        <source>%1 automatically, %2 by hand</source>
        <translation>%1 automatisch, %2 von Hand</translation>
    </message>
    <message numerus="yes">
        <source>%n pending conflicts</source>
        <translation>
            <numerusform>%n offener Konflikt</numerusform>
            <numerusform>%n offene Konflikte</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n held deletions</source>
        <translation>
            <numerusform>%n zurückgehaltene Löschung</numerusform>
            <numerusform>%n zurückgehaltene Löschungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n files too large</source>
        <translation>
            <numerusform>%n Datei zu groß</numerusform>
            <numerusform>%n Dateien zu groß</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unreadable paths</source>
        <translation>
            <numerusform>%n unlesbarer Pfad</numerusform>
            <numerusform>%n unlesbare Pfade</numerusform>
        </translation>
    </message>
    <message>
        <source>nothing held</source>
        <translation>nichts zurückgehalten</translation>
    </message>
    <message>
        <source>Deletions held (%1): they wait until you allow them (ferry sync --allow-mass-delete).</source>
        <translation>Zurückgehaltene Löschungen (%1): sie warten, bis Sie sie erlauben (ferry sync --allow-mass-delete).</translation>
    </message>
    <message>
        <source>Files not synced (%1):</source>
        <translation>Nicht synchronisierte Dateien (%1):</translation>
    </message>
    <message>
        <source>(the first %1 of each are listed; ferry status lists all)</source>
        <translation>(je die ersten %1 sind aufgeführt; ferry status zeigt alle)</translation>
    </message>
</context>
<context>
    <name>ferry::ui::ProfileCardsView</name>
    <message>
        <source>No folders are synced yet</source>
        <translation>Noch keine Ordner werden synchronisiert</translation>
    </message>
    <message>
        <source>Pick a folder and a Git repository: Ferry keeps them in step, in both directions, and keeps the versions it replaces.</source>
        <translation>Wählen Sie einen Ordner und ein Git-Repository: Ferry hält beide in beide Richtungen auf demselben Stand und bewahrt die Versionen auf, die es ersetzt.</translation>
    </message>
    <message>
        <source>Add a folder…</source>
        <translation>Ordner hinzufügen…</translation>
    </message>
</context>
<context>
    <name>ferry::ui::ProfileCheckDialog</name>
    <message>
        <source>Check again</source>
        <translation>Erneut prüfen</translation>
    </message>
    <message>
        <source>Check %1 — Ferry</source>
        <translation>%1 prüfen — Ferry</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Prüfe…</translation>
    </message>
</context>
<context>
    <name>ferry::ui::ProfileEditor</name>
    <message>
        <source>Local folder</source>
        <translation>Lokaler Ordner</translation>
    </message>
    <message>
        <source>Path in the repository</source>
        <translation>Pfad im Repository</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>Pattern</source>
        <translation>Muster</translation>
    </message>
    <message>
        <source>Policy</source>
        <translation>Regel</translation>
    </message>
    <message>
        <source>The environment variable that holds the token for HTTPS remotes; the token itself is never written to the config.</source>
        <translation>Die Umgebungsvariable mit dem Token für HTTPS-Remotes; das Token selbst wird nie in die Konfiguration geschrieben.</translation>
    </message>
    <message>
        <source>One pattern per line, as in .gitignore</source>
        <translation>Ein Muster pro Zeile, wie in .gitignore</translation>
    </message>
    <message>
        <source>Add folder…</source>
        <translation>Ordner hinzufügen…</translation>
    </message>
    <message>
        <source>Remove folder</source>
        <translation>Ordner entfernen</translation>
    </message>
    <message>
        <source>Folder to sync</source>
        <translation>Zu synchronisierender Ordner</translation>
    </message>
    <message>
        <source>Add rule</source>
        <translation>Regel hinzufügen</translation>
    </message>
    <message>
        <source>Remove rule</source>
        <translation>Regel entfernen</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Remote</source>
        <translation>Remote</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>Branch</translation>
    </message>
    <message>
        <source>Token variable</source>
        <translation>Token-Variable</translation>
    </message>
    <message>
        <source>Folders</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>Full scan every</source>
        <translation>Vollständige Prüfung alle</translation>
    </message>
    <message>
        <source>Wait after a change</source>
        <translation>Warten nach einer Änderung</translation>
    </message>
    <message>
        <source>Check the remote every</source>
        <translation>Remote prüfen alle</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>Ignorieren</translation>
    </message>
    <message>
        <source>Conflict rules</source>
        <translation>Konfliktregeln</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>First match wins.</source>
        <translation>Die erste passende Regel gilt.</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <source>Checks the folders, the remote, its host key, the credentials, the branch and push permission, as ferry doctor does; nothing is synced.</source>
        <translation>Prüft die Ordner, das Remote, seinen Host-Schlüssel, die Zugangsdaten, den Branch und die Push-Berechtigung wie ferry doctor; es wird nichts synchronisiert.</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Prüfe…</translation>
    </message>
    <message>
        <source>All checks passed.</source>
        <translation>Alle Prüfungen bestanden.</translation>
    </message>
    <message>
        <source>Problems found: %1</source>
        <translation>Gefundene Probleme: %1</translation>
    </message>
</context>
<context>
    <name>ferry::ui::ProfilesModel</name>
    <message>
        <source>Syncing…</source>
        <translation>Wird synchronisiert…</translation>
    </message>
    <message>
        <source>Retrying</source>
        <translation>Neuer Versuch</translation>
    </message>
    <message>
        <source>Failing</source>
        <translation>Fehlerhaft</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <source>Healthy</source>
        <translation>In Ordnung</translation>
    </message>
    <message>
        <source>%1 of %2 files</source>
        <translation>%1 von %2 Dateien</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Wartend</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>Letzte Synchronisierung</translation>
    </message>
    <message>
        <source>Last cycle</source>
        <translation>Letzter Durchlauf</translation>
    </message>
    <message>
        <source>Stopped: needs you</source>
        <translation>Angehalten: braucht Sie</translation>
    </message>
</context>
<context>
    <name>ferry::ui::RecentChangesModel</name>
    <message>
        <source>Uploaded</source>
        <translation>Hochgeladen</translation>
    </message>
    <message>
        <source>Deleted on the remote</source>
        <translation>Im Remote gelöscht</translation>
    </message>
    <message>
        <source>Downloaded</source>
        <translation>Heruntergeladen</translation>
    </message>
    <message>
        <source>Deleted here</source>
        <translation>Hier gelöscht</translation>
    </message>
    <message>
        <source>Merged</source>
        <translation>Zusammengeführt</translation>
    </message>
    <message>
        <source>Deletion held</source>
        <translation>Löschung zurückgehalten</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
</context>
<context>
    <name>ferry::ui::RecentChangesView</name>
    <message>
        <source>All profiles</source>
        <translation>Alle Profile</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Open the file on this machine</source>
        <translation>Die Datei auf diesem Rechner öffnen</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Show versions</source>
        <translation>Versionen zeigen</translation>
    </message>
    <message>
        <source>The versions of this file that Ferry archived before replacing them</source>
        <translation>Die Versionen dieser Datei, die Ferry vor dem Ersetzen archiviert hat</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Wiederherstellen</translation>
    </message>
    <message>
        <source>Put the selected version back (what is there now is archived first)</source>
        <translation>Die gewählte Version zurücklegen (was jetzt dort liegt, wird zuerst archiviert)</translation>
    </message>
    <message>
        <source>%1 — %2 (%3)</source>
        <translation>%1 — %2 (%3)</translation>
    </message>
    <message>
        <source>No archived versions of this file.</source>
        <translation>Keine archivierten Versionen dieser Datei.</translation>
    </message>
    <message>
        <source>Restored to %1; the next sync takes it up.</source>
        <translation>Wiederhergestellt nach %1; die nächste Synchronisierung übernimmt es.</translation>
    </message>
</context>
<context>
    <name>ferry::ui::RemotePage</name>
    <message>
        <source>Repository</source>
        <translation>Repository</translation>
    </message>
    <message>
        <source>The Git repository the folders sync with, and its branch.</source>
        <translation>Das Git-Repository, mit dem die Ordner synchronisiert werden, und sein Branch.</translation>
    </message>
    <message>
        <source>Remote:</source>
        <translation>Remote:</translation>
    </message>
    <message>
        <source>HTTPS (https://github.com/you/notes.git), SSH (git@github.com:you/notes.git) or a folder on this computer.</source>
        <translation>HTTPS (https://github.com/you/notes.git), SSH (git@github.com:you/notes.git) oder ein Ordner auf diesem Computer.</translation>
    </message>
    <message>
        <source>Branch:</source>
        <translation>Branch:</translation>
    </message>
    <message>
        <source>A branch the repository does not have yet is created by the first sync.</source>
        <translation>Einen Branch, den das Repository noch nicht hat, legt die erste Synchronisierung an.</translation>
    </message>
</context>
<context>
    <name>ferry::ui::RepositoriesModel</name>
    <message>
        <source>Syncing…</source>
        <translation>Wird synchronisiert…</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Synced</source>
        <translation>Synchronisiert</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>Repository</source>
        <translation>Repository</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>Letzte Synchronisierung</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Letzter Fehler</translation>
    </message>
</context>
<context>
    <name>ferry::ui::ResolverWindow</name>
    <message>
        <source>Resolve conflicts — Ferry</source>
        <translation>Konflikte lösen — Ferry</translation>
    </message>
    <message>
        <source>Keep local</source>
        <translation>Lokale behalten</translation>
    </message>
    <message>
        <source>Keep remote</source>
        <translation>Entfernte behalten</translation>
    </message>
    <message>
        <source>Keep both</source>
        <translation>Beide behalten</translation>
    </message>
    <message>
        <source>Save merged</source>
        <translation>Zusammenführung speichern</translation>
    </message>
    <message>
        <source>Local (this machine)</source>
        <translation>Lokal (dieser Rechner)</translation>
    </message>
    <message>
        <source>Remote (the branch)</source>
        <translation>Entfernt (der Branch)</translation>
    </message>
    <message>
        <source>Merged result (editable)</source>
        <translation>Zusammengeführtes Ergebnis (bearbeitbar)</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; — policy %2, %3</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; — Regel %2, %3</translation>
    </message>
    <message>
        <source>Change %1: local lines %2, remote lines %3</source>
        <translation>Änderung %1: lokale Zeilen %2, entfernte Zeilen %3</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Take local</source>
        <translation>Lokal übernehmen</translation>
    </message>
    <message>
        <source>Take remote</source>
        <translation>Entfernt übernehmen</translation>
    </message>
    <message>
        <source>Take both</source>
        <translation>Beide übernehmen</translation>
    </message>
    <message>
        <source>Conflicts pending: %1</source>
        <translation>Offene Konflikte: %1</translation>
    </message>
    <message>
        <source>Binary file, size in bytes: %1</source>
        <translation>Binärdatei, Größe in Bytes: %1</translation>
    </message>
    <message>
        <source>Records changed on both sides: %1</source>
        <translation>Auf beiden Seiten geänderte Einträge: %1</translation>
    </message>
</context>
<context>
    <name>ferry::ui::RunChart</name>
    <message>
        <source>Rows</source>
        <translation>Zeilen</translation>
    </message>
    <message>
        <source>Success</source>
        <translation>Erfolgreich</translation>
    </message>
    <message>
        <source>Partial</source>
        <translation>Teilweise</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Chart of</source>
        <translation>Diagramm für</translation>
    </message>
    <message>
        <source>Duration (%1)</source>
        <translation>Dauer (%1)</translation>
    </message>
    <message>
        <source>Point at a run to see it.</source>
        <translation>Zeigen Sie auf einen Lauf, um ihn zu sehen.</translation>
    </message>
    <message>
        <source>%1 — %2, %3</source>
        <translation>%1 — %2, %3</translation>
    </message>
    <message>
        <source>, took %1</source>
        <translation>, Dauer %1</translation>
    </message>
    <message numerus="yes">
        <source>, %n rows</source>
        <translation>
            <numerusform>, %n Zeile</numerusform>
            <numerusform>, %n Zeilen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ferry::ui::ScheduleEditor</name>
    <message>
        <source>UTC, local (this machine&apos;s time zone) or a name such as Europe/Berlin</source>
        <translation>UTC, local (Zeitzone dieses Rechners) oder ein Name wie Europe/Berlin</translation>
    </message>
</context>
<context>
    <name>ferry::ui::SchedulesModel</name>
    <message>
        <source>every day</source>
        <translation>täglich</translation>
    </message>
    <message>
        <source>%1 %2, %3</source>
        <translation>%1 %2, %3</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>due now</source>
        <translation>jetzt fällig</translation>
    </message>
    <message>
        <source>Pipeline</source>
        <translation>Pipeline</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Zeitplan</translation>
    </message>
    <message>
        <source>Last run</source>
        <translation>Letzter Lauf</translation>
    </message>
    <message>
        <source>Next run</source>
        <translation>Nächster Lauf</translation>
    </message>
</context>
<context>
    <name>ferry::ui::SettingsDialog</name>
    <message>
        <source>Start Ferry when I log in</source>
        <translation>Ferry bei der Anmeldung starten</translation>
    </message>
    <message>
        <source>Settings — Ferry</source>
        <translation>Einstellungen — Ferry</translation>
    </message>
    <message>
        <source>Add profile</source>
        <translation>Profil hinzufügen</translation>
    </message>
    <message>
        <source>Remove profile</source>
        <translation>Profil entfernen</translation>
    </message>
    <message>
        <source>profile%1</source>
        <translation>profil%1</translation>
    </message>
    <message>
        <source>Profiles</source>
        <translation>Profile</translation>
    </message>
    <message>
        <source>Ingestion and schedules</source>
        <translation>Import und Zeitpläne</translation>
    </message>
    <message>
        <source>empty: DATABASE_URL, else the embedded SQLite store</source>
        <translation>leer: DATABASE_URL, sonst der eingebettete SQLite-Speicher</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Verbindung testen</translation>
    </message>
    <message>
        <source>PostgreSQL URL</source>
        <translation>PostgreSQL-URL</translation>
    </message>
    <message>
        <source>No password here: libpq reads PGPASSWORD or ~/.pgpass.</source>
        <translation>Kein Passwort hier: libpq liest PGPASSWORD oder ~/.pgpass.</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <source>Language (after a restart)</source>
        <translation>Sprache (nach einem Neustart)</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Allgemein</translation>
    </message>
    <message>
        <source>The config file could not be read; saving replaces it:
%1</source>
        <translation>Die Konfigurationsdatei konnte nicht gelesen werden; Speichern ersetzt sie:
%1</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <source>Not saved: fix the fields marked in red.</source>
        <translation>Nicht gespeichert: Korrigieren Sie die rot markierten Felder.</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Gespeichert.</translation>
    </message>
    <message>
        <source>Saved; launch at login: %1</source>
        <translation>Gespeichert; Start bei der Anmeldung: %1</translation>
    </message>
    <message>
        <source>The embedded SQLite store is used (or DATABASE_URL when it is set).</source>
        <translation>Der eingebettete SQLite-Speicher wird verwendet (oder DATABASE_URL, wenn gesetzt).</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbinde…</translation>
    </message>
    <message>
        <source>Connected: schema version %1.</source>
        <translation>Verbunden: Schemaversion %1.</translation>
    </message>
    <message>
        <source>Cannot connect: %1</source>
        <translation>Keine Verbindung: %1</translation>
    </message>
    <message>
        <source>Saved; tokens stored in the keychain.</source>
        <translation>Gespeichert; Tokens im Schlüsselbund abgelegt.</translation>
    </message>
    <message>
        <source>Saved, but a token could not be stored in the keychain (it is used until Ferry quits): %1</source>
        <translation>Gespeichert, aber ein Token konnte nicht im Schlüsselbund abgelegt werden (es gilt, bis Ferry beendet wird): %1</translation>
    </message>
</context>
<context>
    <name>ferry::ui::StatusWindow</name>
    <message>
        <source>Status — Ferry</source>
        <translation>Status — Ferry</translation>
    </message>
    <message>
        <source>Profiles</source>
        <translation>Profile</translation>
    </message>
    <message>
        <source>Repositories</source>
        <translation>Repositories</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Run now</source>
        <translation>Jetzt ausführen</translation>
    </message>
    <message>
        <source>Schedules</source>
        <translation>Zeitpläne</translation>
    </message>
    <message>
        <source>Sync all</source>
        <translation>Alle synchronisieren</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Jetzt synchronisieren</translation>
    </message>
    <message>
        <source>Fetch the selected repository&apos;s pull requests and reviews now</source>
        <translation>Pull Requests und Reviews des gewählten Repositorys jetzt abrufen</translation>
    </message>
    <message>
        <source>Recent changes</source>
        <translation>Letzte Änderungen</translation>
    </message>
</context>
<context>
    <name>ferry::ui::TestPage</name>
    <message>
        <source>Test again</source>
        <translation>Erneut testen</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>Ferry checks the folders, that the remote answers, the credentials, the branch and that pushing is permitted. Nothing is written.</source>
        <translation>Ferry prüft die Ordner, ob das Remote antwortet, die Zugangsdaten, den Branch und ob Pushen erlaubt ist. Es wird nichts geschrieben.</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Wird getestet…</translation>
    </message>
    <message>
        <source>Go Back to the fields marked in red, or fix the cause and Test again.</source>
        <translation>Gehen Sie Zurück zu den rot markierten Feldern oder beheben Sie die Ursache und testen Sie erneut.</translation>
    </message>
</context>
<context>
    <name>ferry::ui::TokenStore</name>
    <message>
        <source>stored in the OS keychain; leave empty to keep the stored one</source>
        <translation>wird im Schlüsselbund des Systems gespeichert; leer lassen, um das gespeicherte zu behalten</translation>
    </message>
</context>
<context>
    <name>ferry::ui::TrayIcon</name>
    <message>
        <source>&amp;Quit Ferry</source>
        <translation>Ferry &amp;beenden</translation>
    </message>
    <message>
        <source>Sync &amp;now</source>
        <translation>&amp;Jetzt synchronisieren</translation>
    </message>
    <message>
        <source>&amp;Pause syncing</source>
        <translation>Synchronisierung &amp;pausieren</translation>
    </message>
    <message>
        <source>Run &amp;pipeline</source>
        <translation>&amp;Pipeline ausführen</translation>
    </message>
    <message>
        <source>&amp;Status…</source>
        <translation>&amp;Status…</translation>
    </message>
    <message>
        <source>S&amp;ettings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>Synced</source>
        <translation>Synchronisiert</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Wird synchronisiert…</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Conflicts to resolve</source>
        <translation>Konflikte zu lösen</translation>
    </message>
    <message>
        <source>Ferry — %1</source>
        <translation>Ferry — %1</translation>
    </message>
    <message>
        <source>Last sync: %1</source>
        <translation>Letzte Synchronisierung: %1</translation>
    </message>
    <message>
        <source>&amp;Resume syncing</source>
        <translation>Synchronisierung &amp;fortsetzen</translation>
    </message>
    <message>
        <source>Resolve &amp;conflicts (%1)…</source>
        <translation>&amp;Konflikte lösen (%1)…</translation>
    </message>
    <message>
        <source>The remote of %1 was reset: choose what happens…</source>
        <translation>Das Remote von %1 wurde zurückgesetzt: wählen, was geschieht…</translation>
    </message>
    <message>
        <source>Ferry — No folders are synced yet</source>
        <translation>Ferry — Noch keine Ordner werden synchronisiert</translation>
    </message>
    <message>
        <source>Open Status… and choose Add a folder… to start.</source>
        <translation>Öffnen Sie Status… und wählen Sie Ordner hinzufügen…, um zu beginnen.</translation>
    </message>
</context>
<context>
    <name>ferry::ui::TrayNotifier</name>
    <message>
        <source>(%1 more not shown)</source>
        <translation>(%1 weitere nicht angezeigt)</translation>
    </message>
    <message>
        <source>%1 failed</source>
        <translation>%1 ist fehlgeschlagen</translation>
    </message>
    <message>
        <source>%1 left work undone</source>
        <translation>%1 hat Arbeit unerledigt gelassen</translation>
    </message>
    <message>
        <source>The remote of %1 was reset</source>
        <translation>Das Remote von %1 wurde zurückgesetzt</translation>
    </message>
    <message>
        <source>Syncing is paused until you choose what happens: click here.</source>
        <translation>Die Synchronisation ist angehalten, bis Sie wählen, was geschieht: hier klicken.</translation>
    </message>
    <message>
        <source>Deletions held in %1</source>
        <translation>Löschungen in %1 zurückgehalten</translation>
    </message>
</context>
</TS>
