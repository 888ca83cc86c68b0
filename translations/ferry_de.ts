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
