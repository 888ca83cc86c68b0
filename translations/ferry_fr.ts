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
    <name>ferry::ui::HistoryView</name>
    <message>
        <source>All tasks</source>
        <translation>Toutes les tâches</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Tout état</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Échoué</translation>
    </message>
    <message>
        <source>Partial</source>
        <translation>Partiel</translation>
    </message>
    <message>
        <source>Success</source>
        <translation>Réussi</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>En cours</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Dernières 24 heures</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>7 derniers jours</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>30 derniers jours</translation>
    </message>
    <message>
        <source>All time</source>
        <translation>Depuis toujours</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>Select a run to see its details.</source>
        <translation>Sélectionnez une exécution pour voir ses détails.</translation>
    </message>
    <message>
        <source>Could not read the history: %1</source>
        <translation>Impossible de lire l’historique : %1</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Tâche</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
</context>
<context>
    <name>ferry::ui::RepositoriesModel</name>
    <message>
        <source>Syncing…</source>
        <translation>Synchronisation…</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
    <message>
        <source>Synced</source>
        <translation>Synchronisé</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <source>Repository</source>
        <translation>Dépôt</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>Dernière synchronisation</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Dernière erreur</translation>
    </message>
</context>
<context>
    <name>ferry::ui::ResolverWindow</name>
    <message>
        <source>Resolve conflicts — Ferry</source>
        <translation>Résoudre les conflits — Ferry</translation>
    </message>
    <message>
        <source>Keep local</source>
        <translation>Garder la version locale</translation>
    </message>
    <message>
        <source>Keep remote</source>
        <translation>Garder la version distante</translation>
    </message>
    <message>
        <source>Keep both</source>
        <translation>Garder les deux</translation>
    </message>
    <message>
        <source>Save merged</source>
        <translation>Enregistrer la fusion</translation>
    </message>
    <message>
        <source>Local (this machine)</source>
        <translation>Locale (cette machine)</translation>
    </message>
    <message>
        <source>Remote (the branch)</source>
        <translation>Distante (la branche)</translation>
    </message>
    <message>
        <source>Merged result (editable)</source>
        <translation>Résultat fusionné (modifiable)</translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s) pending</source>
        <translation>
            <numerusform>%n conflit en attente</numerusform>
            <numerusform>%n conflits en attente</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; — policy %2, %3</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; — règle %2, %3</translation>
    </message>
    <message numerus="yes">
        <source>Binary file, %n byte(s)</source>
        <translation>
            <numerusform>Fichier binaire, %n octet</numerusform>
            <numerusform>Fichier binaire, %n octets</numerusform>
        </translation>
    </message>
    <message>
        <source>Change %1: local lines %2, remote lines %3</source>
        <translation>Modification %1 : lignes locales %2, lignes distantes %3</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source>Take local</source>
        <translation>Prendre la locale</translation>
    </message>
    <message>
        <source>Take remote</source>
        <translation>Prendre la distante</translation>
    </message>
    <message>
        <source>Take both</source>
        <translation>Prendre les deux</translation>
    </message>
</context>
<context>
    <name>ferry::ui::RunChart</name>
    <message>
        <source>Duration (s)</source>
        <translation>Durée (s)</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Lignes</translation>
    </message>
    <message>
        <source>Seconds</source>
        <translation>Secondes</translation>
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
