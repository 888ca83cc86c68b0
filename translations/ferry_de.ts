<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
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
    <message numerus="yes">
        <source>%n conflict(s) pending</source>
        <translation>
            <numerusform>%n Konflikt offen</numerusform>
            <numerusform>%n Konflikte offen</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; — policy %2, %3</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; — Regel %2, %3</translation>
    </message>
    <message numerus="yes">
        <source>Binary file, %n byte(s)</source>
        <translation>
            <numerusform>Binärdatei, %n Byte</numerusform>
            <numerusform>Binärdatei, %n Bytes</numerusform>
        </translation>
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
</context>
<context>
    <name>ferry::ui::RunChart</name>
    <message>
        <source>Duration (s)</source>
        <translation>Dauer (s)</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Zeilen</translation>
    </message>
    <message>
        <source>Seconds</source>
        <translation>Sekunden</translation>
    </message>
</context>
<context>
    <name>ferry::ui::TrayIcon</name>
    <message>
        <source>&amp;Quit Ferry</source>
        <translation>Ferry &amp;beenden</translation>
    </message>
    <message>
        <source>Ferry %1</source>
        <translation>Ferry %1</translation>
    </message>
    <message>
        <source>Ferry</source>
        <translation>Ferry</translation>
    </message>
    <message>
        <source>Ferry %1 is running. This desktop has no system tray, so this window stands in for it; closing it quits Ferry.</source>
        <translation>Ferry %1 läuft. Diese Arbeitsumgebung hat keinen Infobereich, daher vertritt ihn dieses Fenster; wird es geschlossen, beendet sich Ferry.</translation>
    </message>
</context>
</TS>
