<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>ferry::ui::HistoryModel</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Tâche</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Démarré</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Lignes</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
</context>
<context>
    <name>ferry::ui::TrayIcon</name>
    <message>
        <source>&amp;Quit Ferry</source>
        <translation>&amp;Quitter Ferry</translation>
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
        <translation>Ferry %1 est en cours d’exécution. Ce bureau n’a pas de zone de notification : cette fenêtre la remplace, et la fermer quitte Ferry.</translation>
    </message>
</context>
</TS>
