<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>ferry::ui::CredentialsPage</name>
    <message>
        <source>An access token (HTTPS)</source>
        <translation>Un jeton d’accès (HTTPS)</translation>
    </message>
    <message>
        <source>An SSH key</source>
        <translation>Une clé SSH</translation>
    </message>
    <message>
        <source>Credentials</source>
        <translation>Identifiants</translation>
    </message>
    <message>
        <source>How Ferry signs in to the repository.</source>
        <translation>Comment Ferry s’identifie auprès du dépôt.</translation>
    </message>
    <message>
        <source>stored in the OS keychain when you start</source>
        <translation>enregistré dans le trousseau du système au démarrage</translation>
    </message>
    <message>
        <source>empty: the SSH agent, then ~/.ssh/id_ed25519, id_ecdsa, id_rsa</source>
        <translation>vide : l’agent SSH, puis ~/.ssh/id_ed25519, id_ecdsa, id_rsa</translation>
    </message>
    <message>
        <source>Token:</source>
        <translation>Jeton :</translation>
    </message>
    <message>
        <source>Key file:</source>
        <translation>Fichier de clé :</translation>
    </message>
    <message>
        <source>GitHub and most hosts take a personal access token with write access to the repository (GitHub: a fine-grained token with Contents: read and write).</source>
        <translation>GitHub et la plupart des hébergeurs acceptent un jeton d’accès personnel avec droit d’écriture sur le dépôt (GitHub : un jeton à granularité fine avec Contents: read and write).</translation>
    </message>
    <message>
        <source>Ferry uses your SSH agent, or the key file below; the host&apos;s key must be in ~/.ssh/known_hosts.</source>
        <translation>Ferry utilise votre agent SSH, ou le fichier de clé ci-dessous ; la clé de l’hôte doit figurer dans ~/.ssh/known_hosts.</translation>
    </message>
    <message>
        <source>A repository on this computer needs no credentials: go on to the Test.</source>
        <translation>Un dépôt sur cet ordinateur n’a pas besoin d’identifiants : passez au test.</translation>
    </message>
</context>
<context>
    <name>ferry::ui::DesktopController</name>
    <message>
        <source>New conflicts</source>
        <translation>Nouveaux conflits</translation>
    </message>
    <message>
        <source>%1 keeps failing</source>
        <translation>%1 échoue à répétition</translation>
    </message>
    <message>
        <source>Conflicts waiting in %1: %2</source>
        <translation>Conflits en attente dans %1 : %2</translation>
    </message>
    <message>
        <source>Conflicts to resolve: %1</source>
        <translation>Conflits à résoudre : %1</translation>
    </message>
    <message>
        <source>%1 is stopped</source>
        <translation>%1 est arrêté</translation>
    </message>
    <message>
        <source>%1 is failing: %2</source>
        <translation>%1 échoue : %2</translation>
    </message>
    <message>
        <source>%1 is stopped: %2</source>
        <translation>%1 est arrêté : %2</translation>
    </message>
    <message>
        <source>%1 is retrying: %2</source>
        <translation>%1 réessaie : %2</translation>
    </message>
    <message>
        <source>The remote of %1 was reset</source>
        <translation>Le dépôt distant de %1 a été réinitialisé</translation>
    </message>
    <message>
        <source>Nothing was deleted. Upload your files onto the remote as they are, or make your folders what the remote has now (what goes is archived first).</source>
        <translation>Rien n’a été supprimé. Envoyez vos fichiers tels quels sur le dépôt distant, ou faites de vos dossiers ce que le dépôt distant contient maintenant (ce qui disparaît est d’abord archivé).</translation>
    </message>
    <message>
        <source>Upload my files</source>
        <translation>Envoyer mes fichiers</translation>
    </message>
    <message>
        <source>Take the remote&apos;s files</source>
        <translation>Prendre les fichiers du dépôt distant</translation>
    </message>
    <message>
        <source>Held in %1</source>
        <translation>Retenu dans %1</translation>
    </message>
    <message>
        <source>Some changes of %1 are held until you act.</source>
        <translation>Certains changements de %1 attendent votre action.</translation>
    </message>
    <message>
        <source>Applying the new settings…</source>
        <translation>Application des nouveaux paramètres…</translation>
    </message>
</context>
<context>
    <name>ferry::ui::FolderWizard</name>
    <message>
        <source>Add a folder — Ferry</source>
        <translation>Ajouter un dossier — Ferry</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Démarrer</translation>
    </message>
    <message>
        <source>A profile named &quot;%1&quot; exists already: choose another name.</source>
        <translation>Un profil nommé « %1 » existe déjà : choisissez un autre nom.</translation>
    </message>
</context>
<context>
    <name>ferry::ui::FoldersPage</name>
    <message>
        <source>Folders</source>
        <translation>Dossiers</translation>
    </message>
    <message>
        <source>Which folders to sync, and where each one goes in the repository.</source>
        <translation>Les dossiers à synchroniser, et où chacun va dans le dépôt.</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Nom :</translation>
    </message>
    <message>
        <source>Folder on this computer</source>
        <translation>Dossier sur cet ordinateur</translation>
    </message>
    <message>
        <source>Path in the repository</source>
        <translation>Chemin dans le dépôt</translation>
    </message>
    <message>
        <source>Add another folder</source>
        <translation>Ajouter un autre dossier</translation>
    </message>
    <message>
        <source>for example: notes</source>
        <translation>par exemple : notes</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>Folder to sync</source>
        <translation>Dossier à synchroniser</translation>
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
    <name>ferry::ui::IngestionEditor</name>
    <message>
        <source>GitHub pull requests</source>
        <translation>Pull requests GitHub</translation>
    </message>
    <message>
        <source>owner/name, one per line</source>
        <translation>propriétaire/nom, un par ligne</translation>
    </message>
    <message>
        <source>API address</source>
        <translation>Adresse de l’API</translation>
    </message>
    <message>
        <source>Token variable</source>
        <translation>Variable du jeton</translation>
    </message>
    <message>
        <source>Repositories</source>
        <translation>Dépôts</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Planification</translation>
    </message>
    <message>
        <source>Market data (daily pipeline)</source>
        <translation>Données de marché (pipeline quotidien)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>Ticker list</source>
        <translation>Liste de symboles</translation>
    </message>
    <message>
        <source>Ticker lists (*.txt *.csv);;All files (*)</source>
        <translation>Listes de symboles (*.txt *.csv);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Key variable</source>
        <translation>Variable de la clé</translation>
    </message>
    <message>
        <source>Ticker file</source>
        <translation>Fichier de symboles</translation>
    </message>
    <message>
        <source>Days of prices</source>
        <translation>Jours de cours</translation>
    </message>
    <message>
        <source>Requests in flight (prices)</source>
        <translation>Requêtes simultanées (cours)</translation>
    </message>
    <message>
        <source>Requests in flight (valuations)</source>
        <translation>Requêtes simultanées (valorisations)</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Jeton</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>Clé d’API</translation>
    </message>
</context>
<context>
    <name>ferry::ui::PreviewPage</name>
    <message>
        <source>Preview</source>
        <translation>Aperçu</translation>
    </message>
    <message>
        <source>What the first sync will do. Nothing has been written yet: Start saves the profile and syncs.</source>
        <translation>Ce que fera la première synchronisation. Rien n’est encore écrit : Démarrer enregistre le profil et synchronise.</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Chemin</translation>
    </message>
    <message>
        <source>Conflict policy</source>
        <translation>Règle de conflit</translation>
    </message>
    <message>
        <source>Comparing the folders with the branch…</source>
        <translation>Comparaison des dossiers avec la branche…</translation>
    </message>
    <message>
        <source>No preview: %1</source>
        <translation>Pas d’aperçu : %1</translation>
    </message>
    <message>
        <source>Not started, nothing was written: %1</source>
        <translation>Non démarré, rien n’a été écrit : %1</translation>
    </message>
    <message>
        <source>Upload: %1 · Download: %2 · Conflicts: %3</source>
        <translation>Envoi : %1 · Téléchargement : %2 · Conflits : %3</translation>
    </message>
    <message>
        <source>The branch does not exist yet: the first sync creates it with your files.</source>
        <translation>La branche n’existe pas encore : la première synchronisation la crée avec vos fichiers.</translation>
    </message>
    <message>
        <source>Files both sides have with different content are settled by the conflict policy shown: keep-both keeps the remote&apos;s under the name and yours as a conflict copy.</source>
        <translation>Les fichiers présents des deux côtés avec un contenu différent sont réglés par la règle de conflit indiquée : keep-both garde celui du dépôt distant sous le nom et le vôtre comme copie de conflit.</translation>
    </message>
    <message>
        <source>To upload (%1)</source>
        <translation>À envoyer (%1)</translation>
    </message>
    <message>
        <source>To download (%1)</source>
        <translation>À télécharger (%1)</translation>
    </message>
    <message>
        <source>Conflicts (%1)</source>
        <translation>Conflits (%1)</translation>
    </message>
</context>
<context>
    <name>ferry::ui::ProfileCard</name>
    <message>
        <source>Sync now</source>
        <translation>Synchroniser maintenant</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Suspendre</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Ouvrir le dossier</translation>
    </message>
    <message>
        <source>Open on the web</source>
        <translation>Ouvrir sur le web</translation>
    </message>
    <message>
        <source>%v of %m files</source>
        <translation>%v sur %m fichiers</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Vérifier</translation>
    </message>
    <message>
        <source>Test the remote and the credentials</source>
        <translation>Tester le dépôt distant et les identifiants</translation>
    </message>
    <message>
        <source>Tracked</source>
        <translation>Suivi</translation>
    </message>
    <message>
        <source>Next full scan</source>
        <translation>Prochaine analyse complète</translation>
    </message>
    <message>
        <source>Changes waiting</source>
        <translation>Changements en attente</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Conflits</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>Retenu</translation>
    </message>
    <message>
        <source>Cycles</source>
        <translation>Cycles</translation>
    </message>
    <message>
        <source>Success rate</source>
        <translation>Taux de réussite</translation>
    </message>
    <message>
        <source>Average duration</source>
        <translation>Durée moyenne</translation>
    </message>
    <message>
        <source>Conflicts resolved</source>
        <translation>Conflits résolus</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Reprendre</translation>
    </message>
    <message>
        <source>Last sync %1: %2</source>
        <translation>Dernière synchronisation %1 : %2</translation>
    </message>
    <message>
        <source>Not synced yet.</source>
        <translation>Pas encore synchronisé.</translation>
    </message>
    <message numerus="yes">
        <source>%n files, %1</source>
        <translation>
            <numerusform>%n fichier, %1</numerusform>
            <numerusform>%n fichiers, %1</numerusform>
        </translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>%1 % (%2 failed)</source>
        <translation>%1 % (%2 en échec)</translation>
    </message>
    <message>
        <source>%1 automatically, %2 by hand</source>
        <translation>%1 automatiquement, %2 à la main</translation>
    </message>
    <message numerus="yes">
        <source>%n pending conflicts</source>
        <translation>
            <numerusform>%n conflit en attente</numerusform>
            <numerusform>%n conflits en attente</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n held deletions</source>
        <translation>
            <numerusform>%n suppression retenue</numerusform>
            <numerusform>%n suppressions retenues</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n files too large</source>
        <translation>
            <numerusform>%n fichier trop volumineux</numerusform>
            <numerusform>%n fichiers trop volumineux</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unreadable paths</source>
        <translation>
            <numerusform>%n chemin illisible</numerusform>
            <numerusform>%n chemins illisibles</numerusform>
        </translation>
    </message>
    <message>
        <source>nothing held</source>
        <translation>rien de retenu</translation>
    </message>
    <message>
        <source>Deletions held (%1): they wait until you allow them (ferry sync --allow-mass-delete).</source>
        <translation>Suppressions retenues (%1) : elles attendent votre accord (ferry sync --allow-mass-delete).</translation>
    </message>
    <message>
        <source>Files not synced (%1):</source>
        <translation>Fichiers non synchronisés (%1) :</translation>
    </message>
    <message>
        <source>(the first %1 of each are listed; ferry status lists all)</source>
        <translation>(les %1 premiers de chaque sont listés ; ferry status les liste tous)</translation>
    </message>
</context>
<context>
    <name>ferry::ui::ProfileCardsView</name>
    <message>
        <source>No folders are synced yet</source>
        <translation>Aucun dossier n’est encore synchronisé</translation>
    </message>
    <message>
        <source>Pick a folder and a Git repository: Ferry keeps them in step, in both directions, and keeps the versions it replaces.</source>
        <translation>Choisissez un dossier et un dépôt Git : Ferry les garde en phase, dans les deux sens, et conserve les versions qu’il remplace.</translation>
    </message>
    <message>
        <source>Add a folder…</source>
        <translation>Ajouter un dossier…</translation>
    </message>
</context>
<context>
    <name>ferry::ui::ProfileCheckDialog</name>
    <message>
        <source>Check again</source>
        <translation>Vérifier à nouveau</translation>
    </message>
    <message>
        <source>Check %1 — Ferry</source>
        <translation>Vérifier %1 — Ferry</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Vérification…</translation>
    </message>
</context>
<context>
    <name>ferry::ui::ProfileEditor</name>
    <message>
        <source>Local folder</source>
        <translation>Dossier local</translation>
    </message>
    <message>
        <source>Path in the repository</source>
        <translation>Chemin dans le dépôt</translation>
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
        <translation>Motif</translation>
    </message>
    <message>
        <source>Policy</source>
        <translation>Règle</translation>
    </message>
    <message>
        <source>The environment variable that holds the token for HTTPS remotes; the token itself is never written to the config.</source>
        <translation>La variable d’environnement qui contient le jeton pour les dépôts HTTPS ; le jeton lui-même n’est jamais écrit dans la configuration.</translation>
    </message>
    <message>
        <source>One pattern per line, as in .gitignore</source>
        <translation>Un motif par ligne, comme dans .gitignore</translation>
    </message>
    <message>
        <source>Add folder…</source>
        <translation>Ajouter un dossier…</translation>
    </message>
    <message>
        <source>Remove folder</source>
        <translation>Retirer le dossier</translation>
    </message>
    <message>
        <source>Folder to sync</source>
        <translation>Dossier à synchroniser</translation>
    </message>
    <message>
        <source>Add rule</source>
        <translation>Ajouter une règle</translation>
    </message>
    <message>
        <source>Remove rule</source>
        <translation>Retirer la règle</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Remote</source>
        <translation>Dépôt distant</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>Branche</translation>
    </message>
    <message>
        <source>Token variable</source>
        <translation>Variable du jeton</translation>
    </message>
    <message>
        <source>Folders</source>
        <translation>Dossiers</translation>
    </message>
    <message>
        <source>Full scan every</source>
        <translation>Analyse complète toutes les</translation>
    </message>
    <message>
        <source>Wait after a change</source>
        <translation>Attendre après une modification</translation>
    </message>
    <message>
        <source>Check the remote every</source>
        <translation>Vérifier le dépôt distant toutes les</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>Ignorer</translation>
    </message>
    <message>
        <source>Conflict rules</source>
        <translation>Règles de conflit</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Jeton</translation>
    </message>
    <message>
        <source>First match wins.</source>
        <translation>La première règle qui correspond s’applique.</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Vérifier</translation>
    </message>
    <message>
        <source>Checks the folders, the remote, its host key, the credentials, the branch and push permission, as ferry doctor does; nothing is synced.</source>
        <translation>Vérifie les dossiers, le dépôt distant, sa clé d’hôte, les identifiants, la branche et le droit de push, comme ferry doctor ; rien n’est synchronisé.</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Vérification…</translation>
    </message>
    <message>
        <source>All checks passed.</source>
        <translation>Toutes les vérifications ont réussi.</translation>
    </message>
    <message>
        <source>Problems found: %1</source>
        <translation>Problèmes trouvés : %1</translation>
    </message>
</context>
<context>
    <name>ferry::ui::ProfilesModel</name>
    <message>
        <source>Syncing…</source>
        <translation>Synchronisation…</translation>
    </message>
    <message>
        <source>Retrying</source>
        <translation>Nouvel essai</translation>
    </message>
    <message>
        <source>Failing</source>
        <translation>En échec</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>En pause</translation>
    </message>
    <message>
        <source>Healthy</source>
        <translation>En bon état</translation>
    </message>
    <message>
        <source>%1 of %2 files</source>
        <translation>%1 fichiers sur %2</translation>
    </message>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progression</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>Dernière synchronisation</translation>
    </message>
    <message>
        <source>Last cycle</source>
        <translation>Dernier cycle</translation>
    </message>
    <message>
        <source>Stopped: needs you</source>
        <translation>Arrêté : intervention requise</translation>
    </message>
</context>
<context>
    <name>ferry::ui::RecentChangesModel</name>
    <message>
        <source>Uploaded</source>
        <translation>Envoyé</translation>
    </message>
    <message>
        <source>Deleted on the remote</source>
        <translation>Supprimé sur le dépôt distant</translation>
    </message>
    <message>
        <source>Downloaded</source>
        <translation>Téléchargé</translation>
    </message>
    <message>
        <source>Deleted here</source>
        <translation>Supprimé ici</translation>
    </message>
    <message>
        <source>Merged</source>
        <translation>Fusionné</translation>
    </message>
    <message>
        <source>Deletion held</source>
        <translation>Suppression retenue</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
</context>
<context>
    <name>ferry::ui::RecentChangesView</name>
    <message>
        <source>All profiles</source>
        <translation>Tous les profils</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <source>Open the file on this machine</source>
        <translation>Ouvrir le fichier sur cette machine</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Show versions</source>
        <translation>Afficher les versions</translation>
    </message>
    <message>
        <source>The versions of this file that Ferry archived before replacing them</source>
        <translation>Les versions de ce fichier que Ferry a archivées avant de les remplacer</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Restaurer</translation>
    </message>
    <message>
        <source>Put the selected version back (what is there now is archived first)</source>
        <translation>Remettre la version choisie (ce qui est là maintenant est d&apos;abord archivé)</translation>
    </message>
    <message>
        <source>%1 — %2 (%3)</source>
        <translation>%1 — %2 (%3)</translation>
    </message>
    <message>
        <source>No archived versions of this file.</source>
        <translation>Aucune version archivée de ce fichier.</translation>
    </message>
    <message>
        <source>Restored to %1; the next sync takes it up.</source>
        <translation>Restauré dans %1 ; la prochaine synchronisation le prendra en compte.</translation>
    </message>
</context>
<context>
    <name>ferry::ui::RemotePage</name>
    <message>
        <source>Repository</source>
        <translation>Dépôt</translation>
    </message>
    <message>
        <source>The Git repository the folders sync with, and its branch.</source>
        <translation>Le dépôt Git avec lequel les dossiers se synchronisent, et sa branche.</translation>
    </message>
    <message>
        <source>Remote:</source>
        <translation>Dépôt distant :</translation>
    </message>
    <message>
        <source>HTTPS (https://github.com/you/notes.git), SSH (git@github.com:you/notes.git) or a folder on this computer.</source>
        <translation>HTTPS (https://github.com/you/notes.git), SSH (git@github.com:you/notes.git) ou un dossier sur cet ordinateur.</translation>
    </message>
    <message>
        <source>Branch:</source>
        <translation>Branche :</translation>
    </message>
    <message>
        <source>A branch the repository does not have yet is created by the first sync.</source>
        <translation>Une branche que le dépôt n’a pas encore est créée par la première synchronisation.</translation>
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
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; — policy %2, %3</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; — règle %2, %3</translation>
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
    <message>
        <source>Conflicts pending: %1</source>
        <translation>Conflits en attente : %1</translation>
    </message>
    <message>
        <source>Binary file, size in bytes: %1</source>
        <translation>Fichier binaire, taille en octets : %1</translation>
    </message>
    <message>
        <source>Records changed on both sides: %1</source>
        <translation>Enregistrements modifiés des deux côtés : %1</translation>
    </message>
</context>
<context>
    <name>ferry::ui::RunChart</name>
    <message>
        <source>Rows</source>
        <translation>Lignes</translation>
    </message>
    <message>
        <source>Success</source>
        <translation>Réussi</translation>
    </message>
    <message>
        <source>Partial</source>
        <translation>Partiel</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Échoué</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>En cours</translation>
    </message>
    <message>
        <source>Chart of</source>
        <translation>Graphique de</translation>
    </message>
    <message>
        <source>Duration (%1)</source>
        <translation>Durée (%1)</translation>
    </message>
    <message>
        <source>Point at a run to see it.</source>
        <translation>Pointez un passage pour le voir.</translation>
    </message>
    <message>
        <source>%1 — %2, %3</source>
        <translation>%1 — %2, %3</translation>
    </message>
    <message>
        <source>, took %1</source>
        <translation>, durée %1</translation>
    </message>
    <message numerus="yes">
        <source>, %n rows</source>
        <translation>
            <numerusform>, %n ligne</numerusform>
            <numerusform>, %n lignes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ferry::ui::ScheduleEditor</name>
    <message>
        <source>UTC, local (this machine&apos;s time zone) or a name such as Europe/Berlin</source>
        <translation>UTC, local (fuseau horaire de cette machine) ou un nom comme Europe/Paris</translation>
    </message>
</context>
<context>
    <name>ferry::ui::SchedulesModel</name>
    <message>
        <source>every day</source>
        <translation>tous les jours</translation>
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
        <translation>jamais</translation>
    </message>
    <message>
        <source>running</source>
        <translation>en cours</translation>
    </message>
    <message>
        <source>due now</source>
        <translation>à lancer maintenant</translation>
    </message>
    <message>
        <source>Pipeline</source>
        <translation>Pipeline</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Planification</translation>
    </message>
    <message>
        <source>Last run</source>
        <translation>Dernière exécution</translation>
    </message>
    <message>
        <source>Next run</source>
        <translation>Prochaine exécution</translation>
    </message>
</context>
<context>
    <name>ferry::ui::SettingsDialog</name>
    <message>
        <source>Start Ferry when I log in</source>
        <translation>Lancer Ferry à l’ouverture de session</translation>
    </message>
    <message>
        <source>Settings — Ferry</source>
        <translation>Paramètres — Ferry</translation>
    </message>
    <message>
        <source>Add profile</source>
        <translation>Ajouter un profil</translation>
    </message>
    <message>
        <source>Remove profile</source>
        <translation>Retirer le profil</translation>
    </message>
    <message>
        <source>profile%1</source>
        <translation>profil%1</translation>
    </message>
    <message>
        <source>Profiles</source>
        <translation>Profils</translation>
    </message>
    <message>
        <source>Ingestion and schedules</source>
        <translation>Import et planifications</translation>
    </message>
    <message>
        <source>empty: DATABASE_URL, else the embedded SQLite store</source>
        <translation>vide : DATABASE_URL, sinon la base SQLite intégrée</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Tester la connexion</translation>
    </message>
    <message>
        <source>PostgreSQL URL</source>
        <translation>URL PostgreSQL</translation>
    </message>
    <message>
        <source>No password here: libpq reads PGPASSWORD or ~/.pgpass.</source>
        <translation>Pas de mot de passe ici : libpq lit PGPASSWORD ou ~/.pgpass.</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Base de données</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <source>Language (after a restart)</source>
        <translation>Langue (après un redémarrage)</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Général</translation>
    </message>
    <message>
        <source>The config file could not be read; saving replaces it:
%1</source>
        <translation>Le fichier de configuration n’a pas pu être lu ; enregistrer le remplace :
%1</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
    <message>
        <source>Not saved: fix the fields marked in red.</source>
        <translation>Non enregistré : corrigez les champs marqués en rouge.</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Non enregistré : %1</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Enregistré.</translation>
    </message>
    <message>
        <source>Saved; launch at login: %1</source>
        <translation>Enregistré ; lancement à l’ouverture de session : %1</translation>
    </message>
    <message>
        <source>The embedded SQLite store is used (or DATABASE_URL when it is set).</source>
        <translation>La base SQLite intégrée est utilisée (ou DATABASE_URL si elle est définie).</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connexion…</translation>
    </message>
    <message>
        <source>Connected: schema version %1.</source>
        <translation>Connecté : version du schéma %1.</translation>
    </message>
    <message>
        <source>Cannot connect: %1</source>
        <translation>Connexion impossible : %1</translation>
    </message>
    <message>
        <source>Saved; tokens stored in the keychain.</source>
        <translation>Enregistré ; jetons stockés dans le trousseau.</translation>
    </message>
    <message>
        <source>Saved, but a token could not be stored in the keychain (it is used until Ferry quits): %1</source>
        <translation>Enregistré, mais un jeton n’a pas pu être stocké dans le trousseau (il sert jusqu’à la fermeture de Ferry) : %1</translation>
    </message>
</context>
<context>
    <name>ferry::ui::StatusWindow</name>
    <message>
        <source>Status — Ferry</source>
        <translation>État — Ferry</translation>
    </message>
    <message>
        <source>Profiles</source>
        <translation>Profils</translation>
    </message>
    <message>
        <source>Repositories</source>
        <translation>Dépôts</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <source>Run now</source>
        <translation>Lancer maintenant</translation>
    </message>
    <message>
        <source>Schedules</source>
        <translation>Planifications</translation>
    </message>
    <message>
        <source>Sync all</source>
        <translation>Tout synchroniser</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Synchroniser maintenant</translation>
    </message>
    <message>
        <source>Fetch the selected repository&apos;s pull requests and reviews now</source>
        <translation>Récupérer maintenant les pull requests et revues du dépôt sélectionné</translation>
    </message>
    <message>
        <source>Recent changes</source>
        <translation>Changements récents</translation>
    </message>
</context>
<context>
    <name>ferry::ui::TestPage</name>
    <message>
        <source>Test again</source>
        <translation>Tester à nouveau</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>Ferry checks the folders, that the remote answers, the credentials, the branch and that pushing is permitted. Nothing is written.</source>
        <translation>Ferry vérifie les dossiers, que le dépôt distant répond, les identifiants, la branche et que l’envoi (push) est permis. Rien n’est écrit.</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Test en cours…</translation>
    </message>
    <message>
        <source>Go Back to the fields marked in red, or fix the cause and Test again.</source>
        <translation>Revenez aux champs marqués en rouge, ou corrigez la cause et testez à nouveau.</translation>
    </message>
</context>
<context>
    <name>ferry::ui::TokenStore</name>
    <message>
        <source>stored in the OS keychain; leave empty to keep the stored one</source>
        <translation>stocké dans le trousseau du système ; laisser vide pour garder celui enregistré</translation>
    </message>
</context>
<context>
    <name>ferry::ui::TrayIcon</name>
    <message>
        <source>&amp;Quit Ferry</source>
        <translation>&amp;Quitter Ferry</translation>
    </message>
    <message>
        <source>Sync &amp;now</source>
        <translation>Synchroniser &amp;maintenant</translation>
    </message>
    <message>
        <source>&amp;Pause syncing</source>
        <translation>&amp;Suspendre la synchronisation</translation>
    </message>
    <message>
        <source>Run &amp;pipeline</source>
        <translation>Lancer un &amp;pipeline</translation>
    </message>
    <message>
        <source>&amp;Status…</source>
        <translation>É&amp;tat…</translation>
    </message>
    <message>
        <source>S&amp;ettings…</source>
        <translation>&amp;Paramètres…</translation>
    </message>
    <message>
        <source>Synced</source>
        <translation>Synchronisé</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Synchronisation…</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>En pause</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
    <message>
        <source>Conflicts to resolve</source>
        <translation>Conflits à résoudre</translation>
    </message>
    <message>
        <source>Ferry — %1</source>
        <translation>Ferry — %1</translation>
    </message>
    <message>
        <source>Last sync: %1</source>
        <translation>Dernière synchronisation : %1</translation>
    </message>
    <message>
        <source>&amp;Resume syncing</source>
        <translation>&amp;Reprendre la synchronisation</translation>
    </message>
    <message>
        <source>Resolve &amp;conflicts (%1)…</source>
        <translation>Résoudre les &amp;conflits (%1)…</translation>
    </message>
    <message>
        <source>The remote of %1 was reset: choose what happens…</source>
        <translation>Le dépôt distant de %1 a été réinitialisé : choisir la suite…</translation>
    </message>
    <message>
        <source>Ferry — No folders are synced yet</source>
        <translation>Ferry — Aucun dossier n’est encore synchronisé</translation>
    </message>
    <message>
        <source>Open Status… and choose Add a folder… to start.</source>
        <translation>Ouvrez État… et choisissez Ajouter un dossier… pour commencer.</translation>
    </message>
</context>
<context>
    <name>ferry::ui::TrayNotifier</name>
    <message>
        <source>(%1 more not shown)</source>
        <translation>(%1 de plus, non affichées)</translation>
    </message>
    <message>
        <source>%1 failed</source>
        <translation>%1 a échoué</translation>
    </message>
    <message>
        <source>%1 left work undone</source>
        <translation>%1 a laissé du travail inachevé</translation>
    </message>
    <message>
        <source>The remote of %1 was reset</source>
        <translation>Le dépôt distant de %1 a été réinitialisé</translation>
    </message>
    <message>
        <source>Syncing is paused until you choose what happens: click here.</source>
        <translation>La synchronisation est en pause jusqu’à ce que vous choisissiez la suite : cliquez ici.</translation>
    </message>
    <message>
        <source>Deletions held in %1</source>
        <translation>Suppressions retenues dans %1</translation>
    </message>
</context>
</TS>
