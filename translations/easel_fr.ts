<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="fr_FR">
<context>
    <name>easel</name>
    <message>
        <source>Gallery index %1: %2</source>
        <translation>Index de la galerie %1 : %2</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>annulé</translation>
    </message>
</context>
<context>
    <name>easel::AboutDialog</name>
    <message>
        <source>this program</source>
        <translation>ce programme</translation>
    </message>
    <message>
        <source>CLIP tokenizer vocabulary (clip/vocab.json, clip/merges.txt)</source>
        <translation>Vocabulaire du tokeniseur CLIP (clip/vocab.json, clip/merges.txt)</translation>
    </message>
    <message>
        <source>bundled data, from OpenAI CLIP, Copyright (c) 2021 OpenAI</source>
        <translation>données fournies, issues d'OpenAI CLIP, Copyright (c) 2021 OpenAI</translation>
    </message>
    <message>
        <source>Tiny demo model (models/tiny-sd15)</source>
        <translation>Minuscule modèle de démo (models/tiny-sd15)</translation>
    </message>
    <message>
        <source>bundled data, random weights made for Easel</source>
        <translation>données fournies, poids aléatoires créés pour Easel</translation>
    </message>
    <message>
        <source>windows, files, database, network</source>
        <translation>fenêtres, fichiers, base de données, réseau</translation>
    </message>
    <message>
        <source>the diffusion engine's tensors</source>
        <translation>les tenseurs du moteur de diffusion</translation>
    </message>
    <message>
        <source>matrix maths under libtorch</source>
        <translation>calcul matriciel sous libtorch</translation>
    </message>
    <message>
        <source>image tools</source>
        <translation>outils d'image</translation>
    </message>
    <message>
        <source>model headers and configs (compiled in)</source>
        <translation>en-têtes et configurations des modèles (compilé dans le programme)</translation>
    </message>
    <message>
        <source>PNG metadata</source>
        <translation>métadonnées PNG</translation>
    </message>
    <message>
        <source>the gallery database, through Qt's driver</source>
        <translation>la base de données de la galerie, via le pilote de Qt</translation>
    </message>
    <message>
        <source>About Easel</source>
        <translation>À propos d'Easel</translation>
    </message>
    <message>
        <source>Stable Diffusion on your own machine, offline. Qt %1.</source>
        <translation>Stable Diffusion sur votre propre machine, hors ligne. Qt %1.</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Fichiers</translation>
    </message>
    <message>
        <source>Easel's data (demo model, CLIP vocabulary, translations): %1</source>
        <translation>Données d'Easel (modèle de démo, vocabulaire CLIP, traductions) : %1</translation>
    </message>
    <message>
        <source>Your models can live anywhere; models Easel downloads go to %1. Until you choose one, Easel uses its tiny demo model, whose random weights make coloured noise.</source>
        <translation>Vos modèles peuvent se trouver n'importe où ; ceux qu'Easel télécharge vont dans %1. Tant que vous n'en choisissez pas, Easel utilise son minuscule modèle de démo, dont les poids aléatoires produisent un bruit coloré.</translation>
    </message>
    <message>
        <source>Licences</source>
        <translation>Licences</translation>
    </message>
    <message>
        <source>Models you download have their own licences: 'easel-cli info MODEL' shows a model's.</source>
        <translation>Les modèles que vous téléchargez ont leur propre licence : 'easel-cli info MODELE' affiche celle d'un modèle.</translation>
    </message>
    <message>
        <source>Easel's licence (MIT)</source>
        <translation>Licence d'Easel (MIT)</translation>
    </message>
</context>
<context>
    <name>easel::ApiKeys</name>
    <message>
        <source>the system keychain did not answer; API keys come from the environment</source>
        <translation>le trousseau du système n'a pas répondu ; les clés d'API viennent de l'environnement</translation>
    </message>
    <message>
        <source>no system keychain available (%1); API keys come from the environment</source>
        <translation>aucun trousseau du système disponible (%1) ; les clés d'API viennent de l'environnement</translation>
    </message>
    <message>
        <source>the system keychain is switched off (EASEL_KEYCHAIN)</source>
        <translation>le trousseau du système est désactivé (EASEL_KEYCHAIN)</translation>
    </message>
    <message>
        <source>cannot store the key in the system keychain: %1</source>
        <translation>impossible d'enregistrer la clé dans le trousseau du système : %1</translation>
    </message>
    <message>
        <source>the system keychain did not answer</source>
        <translation>le trousseau du système n'a pas répondu</translation>
    </message>
</context>
<context>
    <name>easel::AttributePanel</name>
    <message>
        <source>Drop an image to attribute</source>
        <translation>Déposez une image à marquer</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Appliquer</translation>
    </message>
    <message>
        <source>Drop an image here, or choose one above, to mark it as AI-generated</source>
        <translation>Déposez une image ici, ou choisissez-en une ci-dessus, pour la marquer comme générée par IA</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Avant</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>Partagé</translation>
    </message>
    <message>
        <source>Drawn with a simple font: characters outside ASCII show as '?'</source>
        <translation>Dessiné avec une police simple : les caractères hors ASCII s'affichent comme '?'</translation>
    </message>
    <message>
        <source>Bottom right</source>
        <translation>En bas à droite</translation>
    </message>
    <message>
        <source>Bottom left</source>
        <translation>En bas à gauche</translation>
    </message>
    <message>
        <source>Top right</source>
        <translation>En haut à droite</translation>
    </message>
    <message>
        <source>Top left</source>
        <translation>En haut à gauche</translation>
    </message>
    <message>
        <source> x</source>
        <translation> x</translation>
    </message>
    <message>
        <source>Text height relative to the usual 3% of the image's shorter side</source>
        <translation>Hauteur du texte par rapport aux 3 % habituels du petit côté de l'image</translation>
    </message>
    <message>
        <source>Write a watermarked copy with the provenance metadata beside the image (queued)</source>
        <translation>Écrire une copie filigranée avec les métadonnées de provenance à côté de l'image (mise en file)</translation>
    </message>
    <message>
        <source>Watermark</source>
        <translation>Filigrane</translation>
    </message>
    <message>
        <source>Corner</source>
        <translation>Coin</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>Opacité</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>Model and licence</source>
        <translation>Modèle et licence</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Licence</translation>
    </message>
    <message>
        <source>Use restrictions</source>
        <translation>Restrictions d'usage</translation>
    </message>
    <message>
        <source>Always written: AI-generated marks (IPTC digital source type in XMP), the model, its licence, the source image and this operation.</source>
        <translation>Toujours écrits : les marques « généré par IA » (type de source numérique IPTC dans XMP), le modèle, sa licence, l'image source et cette opération.</translation>
    </message>
    <message>
        <source>Queued: %1</source>
        <translation>En file : %1</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Enregistré : %1</translation>
    </message>
    <message>
        <source>%1: %2 x %3</source>
        <translation>%1 : %2 x %3</translation>
    </message>
    <message>
        <source>Reading...</source>
        <translation>Lecture...</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>inconnu</translation>
    </message>
    <message>
        <source>declared by the model file %1</source>
        <translation>déclarée par le fichier du modèle %1</translation>
    </message>
    <message>
        <source>the usual licence of its family; the model file %1 names none</source>
        <translation>la licence habituelle de sa famille ; le fichier du modèle %1 n'en indique aucune</translation>
    </message>
    <message>
        <source>The image does not say which model made it or under which licence; check where the model came from.</source>
        <translation>L'image n'indique ni le modèle qui l'a créée ni sa licence ; vérifiez d'où vient le modèle.</translation>
    </message>
    <message>
        <source>nothing recorded in the image</source>
        <translation>rien d'enregistré dans l'image</translation>
    </message>
    <message>
        <source>recorded in the image</source>
        <translation>enregistrée dans l'image</translation>
    </message>
    <message>
        <source>the usual licence of its family (the model file is not on this machine)</source>
        <translation>la licence habituelle de sa famille (le fichier du modèle n'est pas sur cette machine)</translation>
    </message>
    <message>
        <source>See the licence named above.</source>
        <translation>Voir la licence indiquée ci-dessus.</translation>
    </message>
</context>
<context>
    <name>easel::BackendPicker</name>
    <message>
        <source>This computer</source>
        <translation>Cet ordinateur</translation>
    </message>
    <message>
        <source>ComfyUI server</source>
        <translation>Serveur ComfyUI</translation>
    </message>
    <message>
        <source>OpenAI Images (paid)</source>
        <translation>OpenAI Images (payant)</translation>
    </message>
    <message>
        <source>Stability AI (paid)</source>
        <translation>Stability AI (payant)</translation>
    </message>
    <message>
        <source>Where Generate makes the images. Servers and keys: Settings, Other engines.</source>
        <translation>Où « Générer » crée les images. Serveurs et clés : Paramètres, Autres moteurs.</translation>
    </message>
    <message>
        <source>Eng&amp;ine:</source>
        <translation>E&amp;xécuter sur :</translation>
    </message>
    <message>
        <source>none; e.g. stability, local</source>
        <translation>aucun ; p. ex. stability, local</translation>
    </message>
    <message>
        <source>Engines tried in order when the chosen one refuses (key, credit, content) or does not answer: comfyui, openai, stability, local (local only last).</source>
        <translation>Moteurs essayés dans l'ordre quand celui choisi refuse (clé, crédit, contenu) ou ne répond pas : comfyui, openai, stability, local (local seulement en dernier).</translation>
    </message>
    <message>
        <source>Fallbac&amp;k:</source>
        <translation>Repli &amp;vers :</translation>
    </message>
    <message>
        <source>negative prompt</source>
        <translation>prompt négatif</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>graine</translation>
    </message>
    <message>
        <source>steps</source>
        <translation>étapes</translation>
    </message>
    <message>
        <source>guidance</source>
        <translation>guidage</translation>
    </message>
    <message>
        <source>LoRAs</source>
        <translation>LoRA</translation>
    </message>
    <message>
        <source>start image</source>
        <translation>image de départ</translation>
    </message>
    <message>
        <source>Runs every setting of the recipe on the server's own models.</source>
        <translation>Applique chaque réglage de la recette, avec les modèles du serveur.</translation>
    </message>
    <message>
        <source>Ignores: %1.</source>
        <translation>Ignore : %1.</translation>
    </message>
    <message>
        <source>Models: %1.</source>
        <translation>Modèles : %1.</translation>
    </message>
    <message>
        <source>No charge per image: your own server.</source>
        <translation>Aucun coût par image : votre propre serveur.</translation>
    </message>
    <message numerus="yes">
        <source>Estimated cost: $%1 per image, $%2 for %n image(s) (price table of %3).</source>
        <translation><numerusform>Coût estimé : $%1 par image, $%2 pour %n image (grille tarifaire de %3).</numerusform><numerusform>Coût estimé : $%1 par image, $%2 pour %n images (grille tarifaire de %3).</numerusform></translation>
    </message>
    <message>
        <source>Unknown fallback engine '%1': use comfyui, openai, stability or local.</source>
        <translation>Moteur de repli inconnu « %1 » : utilisez comfyui, openai, stability ou local.</translation>
    </message>
    <message>
        <source>Not queued: %1. Raise the budget in Settings, Other engines.</source>
        <translation>Non mis en file : %1. Augmentez le budget dans Paramètres, Autres moteurs.</translation>
    </message>
    <message>
        <source>The ComfyUI server of Settings, Other engines; with several, the least busy one</source>
        <translation>Le serveur ComfyUI de Paramètres, Autres moteurs ; s’il y en a plusieurs, le moins occupé</translation>
    </message>
    <message>
        <source>ComfyUI at %1</source>
        <translation>ComfyUI sur %1</translation>
    </message>
</context>
<context>
    <name>easel::BackendRouter</name>
    <message>
        <source>no backend to run on</source>
        <translation>aucun backend pour l'exécution</translation>
    </message>
    <message>
        <source>%1 skipped: it failed earlier in this run</source>
        <translation>%1 ignoré : il a échoué plus tôt dans cette exécution</translation>
    </message>
    <message>
        <source>falling back from %1 to %2: %3</source>
        <translation>repli de %1 vers %2 : %3</translation>
    </message>
    <message>
        <source>%1 is not used again in this run</source>
        <translation>%1 n'est plus utilisé dans cette exécution</translation>
    </message>
    <message>
        <source>%1 asked to wait %2 s, more than the %3 s allowed</source>
        <translation>%1 a demandé d'attendre %2 s, plus que les %3 s permises</translation>
    </message>
    <message>
        <source>%1: %2; retrying in %3 s</source>
        <translation>%1 : %2 ; nouvel essai dans %3 s</translation>
    </message>
</context>
<context>
    <name>easel::BackendSettingsPage</name>
    <message>
        <source>Other engines</source>
        <translation>Autres moteurs</translation>
    </message>
    <message>
        <source>ComfyUI servers</source>
        <translation>Serveurs ComfyUI</translation>
    </message>
    <message>
        <source>OpenAI Images</source>
        <translation>OpenAI Images</translation>
    </message>
    <message>
        <source>Stability AI</source>
        <translation>Stability AI</translation>
    </message>
    <message>
        <source>Engine:</source>
        <translation>Moteur :</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>Sans limite</translation>
    </message>
    <message>
        <source>A cloud job that would pass this month's budget is not sent (Easel's estimates).</source>
        <translation>Une tâche en ligne qui dépasserait le budget du mois n'est pas envoyée (estimations d'Easel).</translation>
    </message>
    <message>
        <source>Monthly cloud budget:</source>
        <translation>Budget mensuel en ligne :</translation>
    </message>
    <message>
        <source>One server per line, e.g. http://gpu-box:8188; the queue runs one job per server at once, on the least busy one.</source>
        <translation>Un serveur par ligne, p. ex. http://gpu-box:8188 ; la file exécute une tâche à la fois par serveur, sur le moins occupé.</translation>
    </message>
    <message>
        <source>Servers:</source>
        <translation>Serveurs :</translation>
    </message>
    <message>
        <source>Leave empty for the service itself; a proxy or a compatible server otherwise.</source>
        <translation>Laisser vide pour le service lui-même ; sinon un proxy ou un serveur compatible.</translation>
    </message>
    <message>
        <source>URL:</source>
        <translation>URL :</translation>
    </message>
    <message>
        <source>Kept in the system keychain, never in the settings file.</source>
        <translation>Conservée dans le trousseau du système, jamais dans le fichier de paramètres.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Remove the stored key from the system keychain</source>
        <translation>Supprimer la clé enregistrée du trousseau du système</translation>
    </message>
    <message>
        <source>Token:</source>
        <translation>Jeton :</translation>
    </message>
    <message>
        <source>API key:</source>
        <translation>Clé d'API :</translation>
    </message>
    <message>
        <source>the recipe's model, matched by file name</source>
        <translation>le modèle de la recette, retrouvé par nom de fichier</translation>
    </message>
    <message>
        <source>Default model:</source>
        <translation>Modèle par défaut :</translation>
    </message>
    <message>
        <source>Easel's own graph</source>
        <translation>le graphe d'Easel</translation>
    </message>
    <message>
        <source>A workflow saved with ComfyUI's "Save (API Format)" whose {{prompt}}, {{seed}}, {{model}}... slots Easel fills in.</source>
        <translation>Un workflow enregistré avec « Save (API Format) » de ComfyUI, dont Easel remplit les emplacements {{prompt}}, {{seed}}, {{model}}...</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>Parcourir...</translation>
    </message>
    <message>
        <source>ComfyUI workflow template</source>
        <translation>Modèle de workflow ComfyUI</translation>
    </message>
    <message>
        <source>ComfyUI API workflows (*.json)</source>
        <translation>Workflows API ComfyUI (*.json)</translation>
    </message>
    <message>
        <source>Workflow:</source>
        <translation>Workflow :</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Tester la connexion</translation>
    </message>
    <message>
        <source>The stored key is removed when you press OK.</source>
        <translation>La clé enregistrée sera supprimée quand vous appuierez sur OK.</translation>
    </message>
    <message>
        <source>A key is stored in the system keychain; type a new one to replace it.</source>
        <translation>Une clé est enregistrée dans le trousseau du système ; tapez-en une nouvelle pour la remplacer.</translation>
    </message>
    <message>
        <source>From the environment (%1); type a key to keep one in the keychain.</source>
        <translation>Depuis l'environnement (%1) ; tapez une clé pour la conserver dans le trousseau.</translation>
    </message>
    <message>
        <source>No token: fine for a server on your own network.</source>
        <translation>Pas de jeton : convient à un serveur de votre propre réseau.</translation>
    </message>
    <message>
        <source>No key yet: paste one, or set %1.</source>
        <translation>Pas encore de clé : collez-en une, ou définissez %1.</translation>
    </message>
    <message>
        <source>%1: '%2' is not an http(s) URL.</source>
        <translation>%1 : « %2 » n'est pas une URL http(s).</translation>
    </message>
    <message>
        <source>Not checked: there is no key to check yet.</source>
        <translation>Non vérifié : il n'y a pas encore de clé à vérifier.</translation>
    </message>
    <message>
        <source>Asking %1...</source>
        <translation>Interrogation de %1...</translation>
    </message>
    <message>
        <source>Refused: %1 does not accept this key (HTTP %2).</source>
        <translation>Refusé : %1 n'accepte pas cette clé (HTTP %2).</translation>
    </message>
    <message numerus="yes">
        <source>Connected: ComfyUI at %1 offers %n node type(s).</source>
        <translation><numerusform>Connecté : ComfyUI sur %1 propose %n type de nœud.</numerusform><numerusform>Connecté : ComfyUI sur %1 propose %n types de nœuds.</numerusform></translation>
    </message>
    <message>
        <source>Connected: %1 accepted the key.</source>
        <translation>Connecté : %1 a accepté la clé.</translation>
    </message>
    <message>
        <source>%1 answered HTTP %2.</source>
        <translation>%1 a répondu HTTP %2.</translation>
    </message>
    <message>
        <source>No connection to %1: %2</source>
        <translation>Pas de connexion à %1 : %2</translation>
    </message>
</context>
<context>
    <name>easel::BatchJob</name>
    <message>
        <source>Prompt list %1</source>
        <translation>Liste de prompts %1</translation>
    </message>
    <message>
        <source>%1 of %2 frames already written: resuming</source>
        <translation>%1 images sur %2 déjà écrites : reprise</translation>
    </message>
    <message>
        <source>cancelled; run it again to resume</source>
        <translation>annulé ; relancez-le pour reprendre</translation>
    </message>
</context>
<context>
    <name>easel::BatchMetadata</name>
    <message>
        <source>Cannot write '%1': %2</source>
        <translation>Impossible d'écrire '%1' : %2</translation>
    </message>
</context>
<context>
    <name>easel::BeforeAfterView</name>
    <message>
        <source>Before</source>
        <translation>Avant</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Après</translation>
    </message>
</context>
<context>
    <name>easel::CloudHttp</name>
    <message>
        <source>%1 refused the prompt under its content policy</source>
        <translation>%1 a refusé le prompt selon sa politique de contenu</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>annulé</translation>
    </message>
    <message>
        <source>%1 did not answer within %2 s</source>
        <translation>%1 n'a pas répondu en %2 s</translation>
    </message>
    <message>
        <source>cannot reach %1: %2</source>
        <translation>impossible de joindre %1 : %2</translation>
    </message>
    <message>
        <source>%1: the account has no credit left (HTTP %2)</source>
        <translation>%1 : le compte n'a plus de crédit (HTTP %2)</translation>
    </message>
    <message>
        <source>%1 did not accept the API key (HTTP %2): check the key</source>
        <translation>%1 n'a pas accepté la clé d'API (HTTP %2) : vérifiez la clé</translation>
    </message>
    <message>
        <source>%1 is limiting the request rate (HTTP 429)</source>
        <translation>%1 limite le rythme des requêtes (HTTP 429)</translation>
    </message>
    <message>
        <source>%1 did not answer in time (HTTP %2)</source>
        <translation>%1 n'a pas répondu à temps (HTTP %2)</translation>
    </message>
    <message>
        <source>%1 had a server error (HTTP %2)</source>
        <translation>%1 a eu une erreur de serveur (HTTP %2)</translation>
    </message>
    <message>
        <source>%1 rejected the request (HTTP %2)</source>
        <translation>%1 a rejeté la requête (HTTP %2)</translation>
    </message>
</context>
<context>
    <name>easel::ComfyUIBackend</name>
    <message>
        <source>ComfyUI (%1)</source>
        <translation>ComfyUI (%1)</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>annulé</translation>
    </message>
    <message>
        <source>No ComfyUI server is set: give its URL (e.g. http://127.0.0.1:8188)</source>
        <translation>Aucun serveur ComfyUI n'est défini : indiquez son URL (p. ex. http://127.0.0.1:8188)</translation>
    </message>
    <message>
        <source>ComfyUI runs no inpainting masks from Easel yet: run this recipe locally or without its mask</source>
        <translation>ComfyUI n'exécute pas encore les masques d'inpainting d'Easel : lancez cette recette en local ou sans son masque</translation>
    </message>
    <message>
        <source>ComfyUI at %1 has no checkpoint</source>
        <translation>ComfyUI à %1 n'a aucun checkpoint</translation>
    </message>
    <message>
        <source>ComfyUI at %1 has no checkpoint like %2</source>
        <translation>ComfyUI à %1 n'a pas de checkpoint comme %2</translation>
    </message>
    <message>
        <source>ComfyUI at %1 has no LoRA like %2</source>
        <translation>ComfyUI à %1 n'a pas de LoRA comme %2</translation>
    </message>
    <message>
        <source>The workflow template %1 decides the LoRAs: the recipe's LoRAs were not applied</source>
        <translation>Le modèle de workflow %1 décide des LoRA : les LoRA de la recette n'ont pas été appliqués</translation>
    </message>
    <message>
        <source>The workflow template %1 has no {{prompt}} slot: the prompt was not used</source>
        <translation>Le modèle de workflow %1 n'a pas d'emplacement {{prompt}} : le prompt n'a pas été utilisé</translation>
    </message>
    <message>
        <source>The workflow template %1 has no {{image}} slot for the init image</source>
        <translation>Le modèle de workflow %1 n'a pas d'emplacement {{image}} pour l'image de départ</translation>
    </message>
    <message>
        <source>ComfyUI at %1 did not say where the uploaded image went</source>
        <translation>ComfyUI à %1 n'a pas indiqué où se trouve l'image envoyée</translation>
    </message>
    <message>
        <source>ComfyUI at %1: no WebSocket, so no progress or previews (the history is polled)</source>
        <translation>ComfyUI à %1 : pas de WebSocket, donc ni progression ni aperçus (l'historique est interrogé)</translation>
    </message>
    <message>
        <source>ComfyUI at %1 queued the workflow without a prompt id</source>
        <translation>ComfyUI à %1 a mis le workflow en file sans identifiant de prompt</translation>
    </message>
    <message>
        <source>ComfyUI at %1 sent no word for %2 s while it ran the workflow</source>
        <translation>ComfyUI à %1 n'a rien signalé pendant %2 s au cours du workflow</translation>
    </message>
    <message>
        <source>ComfyUI at %1 did not finish the workflow within %2 s</source>
        <translation>ComfyUI à %1 n'a pas terminé le workflow en %2 s</translation>
    </message>
    <message>
        <source>ComfyUI at %1 interrupted the workflow</source>
        <translation>ComfyUI à %1 a interrompu le workflow</translation>
    </message>
    <message>
        <source>ComfyUI at %1 could not run the workflow</source>
        <translation>ComfyUI à %1 n'a pas pu exécuter le workflow</translation>
    </message>
    <message>
        <source>ComfyUI at %1 finished the workflow without saving an image</source>
        <translation>ComfyUI à %1 a terminé le workflow sans enregistrer d'image</translation>
    </message>
    <message>
        <source>ComfyUI at %1 did not answer within %2 s</source>
        <translation>ComfyUI à %1 n'a pas répondu en %2 s</translation>
    </message>
    <message>
        <source>ComfyUI at %1 cannot be reached: %2</source>
        <translation>ComfyUI à %1 est injoignable : %2</translation>
    </message>
    <message>
        <source>ComfyUI at %1 refused access (HTTP %2): check the access token</source>
        <translation>ComfyUI à %1 a refusé l'accès (HTTP %2) : vérifiez le jeton d'accès</translation>
    </message>
    <message>
        <source>ComfyUI at %1 asks for payment (HTTP 402): check the account's credit</source>
        <translation>ComfyUI à %1 demande un paiement (HTTP 402) : vérifiez le crédit du compte</translation>
    </message>
    <message>
        <source>ComfyUI at %1 is busy (HTTP 429): try again later</source>
        <translation>ComfyUI à %1 est occupé (HTTP 429) : réessayez plus tard</translation>
    </message>
    <message>
        <source>ComfyUI at %1 failed (HTTP %2): %3</source>
        <translation>ComfyUI à %1 a échoué (HTTP %2) : %3</translation>
    </message>
    <message>
        <source>ComfyUI at %1 refused the request (HTTP %2): %3</source>
        <translation>ComfyUI à %1 a refusé la requête (HTTP %2) : %3</translation>
    </message>
    <message>
        <source>ComfyUI at %1 sent an unreadable /object_info: %2</source>
        <translation>ComfyUI à %1 a envoyé un /object_info illisible : %2</translation>
    </message>
</context>
<context>
    <name>easel::ComfyWorkflow</name>
    <message>
        <source>node %1</source>
        <translation>nœud %1</translation>
    </message>
    <message>
        <source>node %1 (%2)</source>
        <translation>nœud %1 (%2)</translation>
    </message>
    <message>
        <source>Cannot read the workflow template %1: %2</source>
        <translation>Impossible de lire le modèle de workflow %1 : %2</translation>
    </message>
    <message>
        <source>The workflow template %1 is not JSON: %2</source>
        <translation>Le modèle de workflow %1 n'est pas du JSON : %2</translation>
    </message>
    <message>
        <source>The workflow template %1 is a UI workflow: export it from ComfyUI with "Save (API Format)"</source>
        <translation>Le modèle de workflow %1 est un workflow d'interface : exportez-le depuis ComfyUI avec « Save (API Format) »</translation>
    </message>
    <message>
        <source>The workflow template %1 has no nodes</source>
        <translation>Le modèle de workflow %1 n'a aucun nœud</translation>
    </message>
    <message>
        <source>The workflow template %1 is not in ComfyUI's API format: node %2 needs "class_type" and "inputs"</source>
        <translation>Le modèle de workflow %1 n'est pas au format API de ComfyUI : le nœud %2 doit avoir « class_type » et « inputs »</translation>
    </message>
    <message>
        <source>The workflow template %1 uses the unknown slot {{%2}} (known: %3)</source>
        <translation>Le modèle de workflow %1 utilise l'emplacement inconnu {{%2}} (connus : %3)</translation>
    </message>
    <message>
        <source>The workflow template %1 needs an init image ({{image}}): give the recipe one</source>
        <translation>Le modèle de workflow %1 demande une image de départ ({{image}}) : donnez-en une à la recette</translation>
    </message>
    <message>
        <source>The workflow template %1 uses {{%2}}, which this run has no value for</source>
        <translation>Le modèle de workflow %1 utilise {{%2}}, qui n'a pas de valeur pour cette exécution</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>ComfyUI refused the workflow: %1</source>
        <translation>ComfyUI a refusé le workflow : %1</translation>
    </message>
    <message>
        <source>ComfyUI failed in %1: %2</source>
        <translation>ComfyUI a échoué dans %1 : %2</translation>
    </message>
</context>
<context>
    <name>easel::CompareCanvas</name>
    <message>
        <source>Computing the difference…</source>
        <translation>Calcul de la différence…</translation>
    </message>
</context>
<context>
    <name>easel::ComposeJob</name>
    <message>
        <source>Compose: %1 / %2</source>
        <translation>Composition : %1 / %2</translation>
    </message>
    <message>
        <source>%1: the output must be a .png file</source>
        <translation>%1 : la sortie doit être un fichier .png</translation>
    </message>
</context>
<context>
    <name>easel::ComposePanel</name>
    <message>
        <source>Compose</source>
        <translation>Composer</translation>
    </message>
    <message>
        <source>Who: e.g. a knight in silver armour</source>
        <translation>Qui : p. ex. un chevalier en armure d'argent</translation>
    </message>
    <message>
        <source>Where: e.g. a misty castle courtyard at dawn</source>
        <translation>Où : p. ex. une cour de château brumeuse à l'aube</translation>
    </message>
    <message>
        <source>Added to the character prompt: a full figure on a plain backdrop cuts out cleanly</source>
        <translation>Ajouté au prompt du personnage : un personnage entier sur un fond uni se détoure proprement</translation>
    </message>
    <message>
        <source>Added to the background prompt: atmosphere, and no people in the scene</source>
        <translation>Ajouté au prompt du décor : de l'atmosphère, et personne dans la scène</translation>
    </message>
    <message>
        <source>Added to the character's negative prompt</source>
        <translation>Ajouté au prompt négatif du personnage</translation>
    </message>
    <message>
        <source>Added to the background's negative prompt</source>
        <translation>Ajouté au prompt négatif du décor</translation>
    </message>
    <message>
        <source>The character is made in portrait (3:4) and the background in landscape (4:3) at the model's size: 384 x 512 and 512 x 384 for SD 1.5. The figure is cut out and placed in the right half of a 1024 x 512 picture.</source>
        <translation>Le personnage est créé en portrait (3:4) et le décor en paysage (4:3) à la taille du modèle : 384 x 512 et 512 x 384 pour SD 1.5. Le personnage est détouré et placé dans la moitié droite d'une image de 1024 x 512.</translation>
    </message>
    <message>
        <source>Prompt helpers</source>
        <translation>Aides au prompt</translation>
    </message>
    <message>
        <source>Easel's helpers</source>
        <translation>Aides d'Easel</translation>
    </message>
    <message>
        <source>Put back the prompt helpers Easel comes with</source>
        <translation>Rétablir les aides au prompt fournies avec Easel</translation>
    </message>
    <message>
        <source>Character adds</source>
        <translation>Personnage ajoute</translation>
    </message>
    <message>
        <source>Character avoids</source>
        <translation>Personnage évite</translation>
    </message>
    <message>
        <source>Background adds</source>
        <translation>Décor ajoute</translation>
    </message>
    <message>
        <source>Background avoids</source>
        <translation>Décor évite</translation>
    </message>
    <message>
        <source>Queue one job: the character, the background, then the merge</source>
        <translation>Mettre une tâche en file : le personnage, le décor, puis la fusion</translation>
    </message>
    <message>
        <source>Character</source>
        <translation>Personnage</translation>
    </message>
    <message>
        <source>Background</source>
        <translation>Décor</translation>
    </message>
    <message>
        <source>Compose needs a character prompt and a background prompt.</source>
        <translation>Composer demande un prompt de personnage et un prompt de décor.</translation>
    </message>
    <message>
        <source>Compose needs a model: choose one in the recipe panel.</source>
        <translation>Composer demande un modèle : choisissez-en un dans le panneau de recette.</translation>
    </message>
    <message>
        <source>Cannot make the output folder %1.</source>
        <translation>Impossible de créer le dossier de sortie %1.</translation>
    </message>
    <message>
        <source>Queued: %1 (character, background, then the merge)</source>
        <translation>En file : %1 (personnage, décor, puis la fusion)</translation>
    </message>
    <message>
        <source>Composed %1</source>
        <translation>Composé : %1</translation>
    </message>
    <message>
        <source>Compose stopped: %1</source>
        <translation>Composition arrêtée : %1</translation>
    </message>
</context>
<context>
    <name>easel::CostLedger</name>
    <message>
        <source>%1: cannot lock the cost record</source>
        <translation>%1 : impossible de verrouiller le relevé des coûts</translation>
    </message>
    <message>
        <source>%1: cannot write the cost record: %2</source>
        <translation>%1 : impossible d'écrire le relevé des coûts : %2</translation>
    </message>
    <message>
        <source>the cloud budget of $%1 this month would be passed: $%2 spent, this needs about $%3</source>
        <translation>le budget cloud de %1 $ de ce mois serait dépassé : %2 $ dépensés, ceci coûte environ %3 $</translation>
    </message>
</context>
<context>
    <name>easel::CostTotalsLabel</name>
    <message>
        <source>Easel's estimates of what the cloud engines cost (its price table of %1); the bill is the provider's.</source>
        <translation>Estimations par Easel du coût des moteurs en ligne (sa grille tarifaire de %1) ; la facture est celle du fournisseur.</translation>
    </message>
    <message>
        <source>Cloud: $%1 this session, $%2 this month</source>
        <translation>En ligne : $%1 cette session, $%2 ce mois-ci</translation>
    </message>
</context>
<context>
    <name>easel::DownloadsPanel</name>
    <message>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Licence</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Télécharger</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Stops the download; what has arrived is kept, and Resume continues from there.</source>
        <translation>Arrête le téléchargement ; ce qui est arrivé est conservé, et Reprendre continue à partir de là.</translation>
    </message>
    <message>
        <source>Discard partial download</source>
        <translation>Supprimer le téléchargement partiel</translation>
    </message>
    <message>
        <source>Checking the file's sha256...</source>
        <translation>Vérification du sha256 du fichier...</translation>
    </message>
    <message>
        <source>Downloaded</source>
        <translation>Téléchargé</translation>
    </message>
    <message>
        <source>Paused at %1 of %2</source>
        <translation>En pause à %1 sur %2</translation>
    </message>
    <message>
        <source>Paused at %1</source>
        <translation>En pause à %1</translation>
    </message>
    <message>
        <source>Not downloaded</source>
        <translation>Non téléchargé</translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation>Téléchargement</translation>
    </message>
    <message>
        <source>Preview decoder: draws full-size live previews while an image is made.</source>
        <translation>Décodeur d'aperçu : dessine des aperçus en direct en taille réelle pendant la création d'une image.</translation>
    </message>
    <message>
        <source>Model: makes images.</source>
        <translation>Modèle : crée des images.</translation>
    </message>
    <message>
        <source>Licence: %1. By downloading it you accept its terms.</source>
        <translation>Licence : %1. En le téléchargeant, vous acceptez ses conditions.</translation>
    </message>
    <message>
        <source>From: %1</source>
        <translation>Source : %1</translation>
    </message>
    <message>
        <source>Saved as: %1</source>
        <translation>Enregistré sous : %1</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Reprendre</translation>
    </message>
    <message>
        <source>Not enough free space in %1: %2 needed, %3 free.</source>
        <translation>Pas assez d'espace libre dans %1 : %2 nécessaires, %3 libres.</translation>
    </message>
    <message>
        <source>Continuing from %1...</source>
        <translation>Reprise à partir de %1...</translation>
    </message>
    <message>
        <source>Connecting...</source>
        <translation>Connexion...</translation>
    </message>
    <message>
        <source>Cannot delete %1.</source>
        <translation>Impossible de supprimer %1.</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 sur %2</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>%1 enregistré.</translation>
    </message>
    <message>
        <source>Stopped (%1). %2 kept: Resume continues from there.</source>
        <translation>Arrêté (%1). %2 conservés : Reprendre continue à partir de là.</translation>
    </message>
    <message>
        <source>Download failed: %1</source>
        <translation>Échec du téléchargement : %1</translation>
    </message>
</context>
<context>
    <name>easel::EnhancePanel</name>
    <message>
        <source>Drop an image to enhance</source>
        <translation>Déposez une image à améliorer</translation>
    </message>
    <message>
        <source>Unsharp mask</source>
        <translation>Masque flou</translation>
    </message>
    <message>
        <source>One-click enhance</source>
        <translation>Amélioration en un clic</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Réinitialiser</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Appliquer</translation>
    </message>
    <message>
        <source>Drop an image here, or choose one above, to enhance it</source>
        <translation>Déposez une image ici, ou choisissez-en une ci-dessus, pour l'améliorer</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Avant</translation>
    </message>
    <message>
        <source>Show the image before the enhancement</source>
        <translation>Afficher l'image avant l'amélioration</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>Partagé</translation>
    </message>
    <message>
        <source>Before on the left, after on the right; drag the divider</source>
        <translation>Avant à gauche, après à droite ; faites glisser le séparateur</translation>
    </message>
    <message>
        <source>1 leaves the image as it is; 0 blurs, above 1 sharpens</source>
        <translation>1 laisse l'image telle quelle ; 0 la rend floue, au-dessus de 1 plus nette</translation>
    </message>
    <message>
        <source>1 leaves the image as it is; 0 is flat grey</source>
        <translation>1 laisse l'image telle quelle ; 0 donne un gris uniforme</translation>
    </message>
    <message>
        <source>1 leaves the image as it is; 0 is black and white</source>
        <translation>1 laisse l'image telle quelle ; 0 donne du noir et blanc</translation>
    </message>
    <message>
        <source>1 leaves the image as it is; 0 is black</source>
        <translation>1 laisse l'image telle quelle ; 0 donne du noir</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>Sharpness 1.2, contrast 1.1, colour 1.1 and an unsharp mask of 1 px, 150%, 3</source>
        <translation>Netteté 1,2, contraste 1,1, couleur 1,1 et un masque flou de 1 px, 150 %, 3</translation>
    </message>
    <message>
        <source>Radius</source>
        <translation>Rayon</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Quantité</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>Seuil</translation>
    </message>
    <message>
        <source>Sharpness</source>
        <translation>Netteté</translation>
    </message>
    <message>
        <source>Contrast</source>
        <translation>Contraste</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>Couleur</translation>
    </message>
    <message>
        <source>Brightness</source>
        <translation>Luminosité</translation>
    </message>
    <message>
        <source>Preview %1 x %2, computed in %3 ms</source>
        <translation>Aperçu %1 x %2, calculé en %3 ms</translation>
    </message>
    <message>
        <source>Queued: %1</source>
        <translation>En file : %1</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Enregistré : %1</translation>
    </message>
    <message>
        <source>%1: %2 x %3</source>
        <translation>%1 : %2 x %3</translation>
    </message>
    <message>
        <source>Nothing to apply: every setting leaves the image as it is</source>
        <translation>Rien à appliquer : chaque réglage laisse l'image telle quelle</translation>
    </message>
    <message>
        <source>Enhance the full-size image into a new file beside it (queued)</source>
        <translation>Améliorer l'image en taille réelle dans un nouveau fichier à côté (mise en file)</translation>
    </message>
    <message>
        <source>Apply chain from...</source>
        <translation>Appliquer la chaîne de...</translation>
    </message>
    <message>
        <source>Re-apply the steps recorded in another result (enhance, watermark) to this image</source>
        <translation>Réappliquer à cette image les étapes enregistrées dans un autre résultat (amélioration, filigrane)</translation>
    </message>
    <message>
        <source>%1 records no steps to apply.</source>
        <translation>%1 n'enregistre aucune étape à appliquer.</translation>
    </message>
    <message>
        <source>%1 is a merge: make it again in the merge panel, it needs two images.</source>
        <translation>%1 est une fusion : refaites-la dans le panneau Fusionner, elle demande deux images.</translation>
    </message>
    <message>
        <source>Apply the chain of</source>
        <translation>Appliquer la chaîne de</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>Images PNG (*.png)</translation>
    </message>
</context>
<context>
    <name>easel::ExportDialog</name>
    <message>
        <source>Add...</source>
        <translation>Ajouter...</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Lossless</source>
        <translation>Sans perte</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>Parcourir...</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <source>Export images</source>
        <translation>Exporter des images</translation>
    </message>
    <message>
        <source>PNG (lossless, every metadata chunk kept)</source>
        <translation>PNG (sans perte, tous les blocs de métadonnées conservés)</translation>
    </message>
    <message>
        <source>JPEG</source>
        <translation>JPEG</translation>
    </message>
    <message>
        <source>WebP</source>
        <translation>WebP</translation>
    </message>
    <message>
        <source>Beside each image</source>
        <translation>À côté de chaque image</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>Qualité</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <source>Add images</source>
        <translation>Ajouter des images</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>Exporter vers</translation>
    </message>
    <message>
        <source>A PNG is copied as it is: pixels and every metadata chunk (recipe, sources, operations, provenance).</source>
        <translation>Un PNG est copié tel quel : pixels et tous les blocs de métadonnées (recette, sources, opérations, provenance).</translation>
    </message>
    <message>
        <source>The recipe, sources, operations and provenance go into XMP, and the generation parameters into EXIF (UserComment), where A1111-style readers look for them.</source>
        <translation>La recette, les sources, les opérations et la provenance vont dans XMP, et les paramètres de génération dans EXIF (UserComment), où les lecteurs de style A1111 les cherchent.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1</source>
        <translation>Impossible de créer le dossier %1</translation>
    </message>
    <message>
        <source>Exporting...</source>
        <translation>Exportation...</translation>
    </message>
    <message>
        <source>beside the sources</source>
        <translation>à côté des sources</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n image(s) %1.</source>
        <translation><numerusform>%n image exportée : %1.</numerusform><numerusform>%n images exportées : %1.</numerusform></translation>
    </message>
    <message>
        <source>Reading the models' licences...</source>
        <translation>Lecture des licences des modèles...</translation>
    </message>
    <message>
        <source>No model recorded. %1</source>
        <translation>Aucun modèle enregistré. %1</translation>
    </message>
    <message>
        <source>%1 - licence: %2. %3</source>
        <translation>%1 – licence : %2. %3</translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation>non enregistrée</translation>
    </message>
</context>
<context>
    <name>easel::FileHash</name>
    <message>
        <source>Cannot read '%1': %2</source>
        <translation>Impossible de lire '%1' : %2</translation>
    </message>
    <message>
        <source>Hashing '%1' was cancelled</source>
        <translation>Le calcul de l'empreinte de '%1' a été annulé</translation>
    </message>
    <message>
        <source>'%1' does not exist</source>
        <translation>'%1' n'existe pas</translation>
    </message>
    <message>
        <source>'%1' holds no .safetensors weight files</source>
        <translation>'%1' ne contient aucun fichier de poids .safetensors</translation>
    </message>
</context>
<context>
    <name>easel::GalleryCompare</name>
    <message numerus="yes">
        <source>Compare %n Image(s)</source>
        <translation><numerusform>Comparer %n image</numerusform><numerusform>Comparer %n images</numerusform></translation>
    </message>
    <message>
        <source>Side by Side</source>
        <translation>Côte à côte</translation>
    </message>
    <message>
        <source>Every image next to the others</source>
        <translation>Toutes les images les unes à côté des autres</translation>
    </message>
    <message>
        <source>Slider</source>
        <translation>Curseur</translation>
    </message>
    <message>
        <source>Two images stacked; drag the line to reveal one or the other</source>
        <translation>Deux images superposées ; faites glisser la ligne pour révéler l’une ou l’autre</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>Différence</translation>
    </message>
    <message>
        <source>Heat map of what differs between the two images: black is identical, bright differs most</source>
        <translation>Carte thermique de ce qui diffère entre les deux images : le noir est identique, le clair diffère le plus</translation>
    </message>
    <message>
        <source>Flicker</source>
        <translation>Clignoter</translation>
    </message>
    <message>
        <source>Switch between the two images quickly, so small changes jump out</source>
        <translation>Alterner rapidement entre les deux images pour faire ressortir les petits changements</translation>
    </message>
    <message>
        <source>The pair the slider, the flicker and the difference show</source>
        <translation>La paire que montrent le curseur, le clignotement et la différence</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Ajuster</translation>
    </message>
    <message>
        <source>Fit the images (the wheel zooms, dragging pans, all images together)</source>
        <translation>Ajuster les images (la molette zoome, le glisser déplace, toutes les images ensemble)</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <source>Identical pixels</source>
        <translation>Pixels identiques</translation>
    </message>
    <message>
        <source>%1% of the pixels differ, by up to %2 levels</source>
        <translation>%1 % des pixels diffèrent, jusqu’à %2 niveaux</translation>
    </message>
    <message>
        <source>(no recipe to compare)</source>
        <translation>(aucune recette à comparer)</translation>
    </message>
    <message>
        <source>same recipe</source>
        <translation>même recette</translation>
    </message>
</context>
<context>
    <name>easel::GalleryDetail</name>
    <message>
        <source>Copy Prompt</source>
        <translation>Copier le prompt</translation>
    </message>
    <message>
        <source>Copy Seed</source>
        <translation>Copier la graine</translation>
    </message>
    <message>
        <source>Copy All</source>
        <translation>Tout copier</translation>
    </message>
    <message>
        <source>Copy every fact shown here as text</source>
        <translation>Copier toutes les informations affichées ici en texte</translation>
    </message>
    <message>
        <source>No image selected</source>
        <translation>Aucune image sélectionnée</translation>
    </message>
    <message>
        <source>Recipe</source>
        <translation>Recette</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <source>Negative prompt</source>
        <translation>Prompt négatif</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>Model file</source>
        <translation>Fichier du modèle</translation>
    </message>
    <message>
        <source>Model hash</source>
        <translation>Empreinte du modèle</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Graine</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Étapes</translation>
    </message>
    <message>
        <source>Guidance</source>
        <translation>Guidage</translation>
    </message>
    <message>
        <source>Sampler</source>
        <translation>Échantillonneur</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Planification</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>Clip skip</source>
        <translation>Clip skip</translation>
    </message>
    <message>
        <source>LoRAs</source>
        <translation>LoRA</translation>
    </message>
    <message>
        <source>Strength</source>
        <translation>Force</translation>
    </message>
    <message>
        <source>Batch position</source>
        <translation>Position dans le lot</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>Précision</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Made by</source>
        <translation>Créé avec</translation>
    </message>
    <message>
        <source>none that Easel can read</source>
        <translation>aucune qu’Easel sache lire</translation>
    </message>
    <message>
        <source>Lineage</source>
        <translation>Origine</translation>
    </message>
    <message>
        <source>Source image</source>
        <translation>Image source</translation>
    </message>
    <message>
        <source>Mask</source>
        <translation>Masque</translation>
    </message>
    <message>
        <source>Merged character</source>
        <translation>Personnage fusionné</translation>
    </message>
    <message>
        <source>Merged background</source>
        <translation>Arrière-plan fusionné</translation>
    </message>
    <message>
        <source>Made from</source>
        <translation>Créé à partir de</translation>
    </message>
    <message>
        <source>Operations</source>
        <translation>Opérations</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>Qualité</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Chemin</translation>
    </message>
    <message>
        <source>File size</source>
        <translation>Taille du fichier</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>Modifié</translation>
    </message>
    <message>
        <source>Written by</source>
        <translation>Écrit par</translation>
    </message>
    <message>
        <source>Pixels</source>
        <translation>Pixels</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>nearly black</source>
        <translation>presque noire</translation>
    </message>
    <message>
        <source>nearly white</source>
        <translation>presque blanche</translation>
    </message>
    <message>
        <source>uniform</source>
        <translation>uniforme</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>Signalements</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>Mean level</source>
        <translation>Niveau moyen</translation>
    </message>
    <message>
        <source>Deviation</source>
        <translation>Écart</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Flag</source>
        <translation>Marque</translation>
    </message>
    <message>
        <source>picked</source>
        <translation>retenue</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>rejetée</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Étiquettes</translation>
    </message>
    <message>
        <source>Boards</source>
        <translation>Tableaux</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation><numerusform>%n élément</numerusform><numerusform>%n éléments</numerusform></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>the file of that name differs from the source</source>
        <translation>le fichier de ce nom diffère de la source</translation>
    </message>
    <message>
        <source>operations</source>
        <translation>opérations</translation>
    </message>
    <message>
        <source>Step cache</source>
        <translation>Cache des étapes</translation>
    </message>
    <message>
        <source>Retry of</source>
        <translation>Refaite de</translation>
    </message>
    <message>
        <source>When made</source>
        <translation>À la création</translation>
    </message>
    <message>
        <source>unchecked</source>
        <translation>non vérifiée</translation>
    </message>
    <message>
        <source>Token merging</source>
        <translation>Fusion de jetons</translation>
    </message>
</context>
<context>
    <name>easel::GalleryGroupModel</name>
    <message numerus="yes">
        <source>%1 · %n image(s)</source>
        <translation><numerusform>%1 · %n image</numerusform><numerusform>%1 · %n images</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n variation(s) of this recipe (Enter or a double click opens the stack)</source>
        <translation><numerusform>%n variante de cette recette (Entrée ou un double clic ouvre la pile)</numerusform><numerusform>%n variantes de cette recette (Entrée ou un double clic ouvre la pile)</numerusform></translation>
    </message>
</context>
<context>
    <name>easel::GalleryIndex</name>
    <message>
        <source>Cannot open the gallery index %1: %2</source>
        <translation>Impossible d'ouvrir l'index de la galerie %1 : %2</translation>
    </message>
    <message>
        <source>Cannot create the folder of the gallery index %1</source>
        <translation>Impossible de créer le dossier de l'index de la galerie %1</translation>
    </message>
    <message>
        <source>The gallery index %1 is damaged (%2) and cannot be moved aside</source>
        <translation>L'index de la galerie %1 est endommagé (%2) et ne peut pas être mis de côté</translation>
    </message>
    <message>
        <source>Gallery index %1: %2</source>
        <translation>Index de la galerie %1 : %2</translation>
    </message>
    <message>
        <source>%1 is not a folder</source>
        <translation>%1 n'est pas un dossier</translation>
    </message>
    <message>
        <source>%1: no such file</source>
        <translation>%1 : fichier introuvable</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Impossible de lire %1 : %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>%1: a rating is 0 to 5, got %2</source>
        <translation>%1 : une note va de 0 à 5, pas %2</translation>
    </message>
    <message>
        <source>A board's name cannot contain '|': %1</source>
        <translation>Le nom d’un tableau ne peut pas contenir « | » : %1</translation>
    </message>
    <message>
        <source>Gallery index %1: the database is not open</source>
        <translation>Index de la galerie %1 : la base de données n’est pas ouverte</translation>
    </message>
</context>
<context>
    <name>easel::GalleryModel</name>
    <message>
        <source>seed %1</source>
        <translation>graine %1</translation>
    </message>
</context>
<context>
    <name>easel::GalleryPanel</name>
    <message>
        <source>Search: words, model:, seed:, rating:&gt;=4, pick:yes, -word</source>
        <translation>Recherche : mots, model:, seed:, rating:&gt;=4, pick:yes, -mot</translation>
    </message>
    <message>
        <source>Words match the prompt; fields: model:, lora:, sampler:, tag:, seed:, steps:, cfg:&gt;7, size:512x768, date:2026-11, rating:&gt;=4, pick:yes, reject:no; -term excludes</source>
        <translation>Les mots sont cherchés dans le prompt ; champs : model:, lora:, sampler:, tag:, seed:, steps:, cfg:&gt;7, size:512x768, date:2026-11, rating:&gt;=4, pick:yes, reject:no ; -terme exclut</translation>
    </message>
    <message>
        <source>Cannot create the output folder %1</source>
        <translation>Impossible de créer le dossier de sortie %1</translation>
    </message>
    <message>
        <source>Images: %1</source>
        <translation>Images : %1</translation>
    </message>
    <message>
        <source>Found: %1</source>
        <translation>Trouvées : %1</translation>
    </message>
    <message>
        <source>Cannot move %1 to the trash (%2); it was not deleted</source>
        <translation>Impossible de mettre %1 à la corbeille (%2) ; il n'a pas été supprimé</translation>
    </message>
    <message>
        <source>%1 exists again, so its copy stays in the trash</source>
        <translation>%1 existe de nouveau, sa copie reste donc dans la corbeille</translation>
    </message>
    <message>
        <source>Cannot bring %1 back from the trash (%2)</source>
        <translation>Impossible de restaurer %1 depuis la corbeille (%2)</translation>
    </message>
    <message>
        <source>picked</source>
        <translation>retenue</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>rejetée</translation>
    </message>
    <message>
        <source>seed %1</source>
        <translation>graine %1</translation>
    </message>
    <message>
        <source>%1 holds no recipe Easel can read</source>
        <translation>%1 ne contient aucune recette lisible par Easel</translation>
    </message>
    <message>
        <source>Reuse</source>
        <translation>Réutiliser</translation>
    </message>
    <message>
        <source>Fill the recipe panel with this image's recipe</source>
        <translation>Remplir le panneau de recette avec la recette de cette image</translation>
    </message>
    <message>
        <source>Regenerate (same seed)</source>
        <translation>Régénérer (même graine)</translation>
    </message>
    <message>
        <source>Regenerate (new seed)</source>
        <translation>Régénérer (nouvelle graine)</translation>
    </message>
    <message>
        <source>Open Containing Folder</source>
        <translation>Ouvrir le dossier</translation>
    </message>
    <message>
        <source>Copy Prompt</source>
        <translation>Copier le prompt</translation>
    </message>
    <message>
        <source>Copy Seed</source>
        <translation>Copier la graine</translation>
    </message>
    <message>
        <source>Move to Trash</source>
        <translation>Mettre à la corbeille</translation>
    </message>
    <message>
        <source>Undo Move to Trash</source>
        <translation>Annuler la mise à la corbeille</translation>
    </message>
    <message>
        <source>%1; the gallery uses a temporary index for now</source>
        <translation>%1 ; la galerie utilise un index temporaire pour l'instant</translation>
    </message>
    <message>
        <source>Collections</source>
        <translation>Mes collections</translation>
    </message>
    <message>
        <source>Show saved searches and boards</source>
        <translation>Afficher les recherches enregistrées et les tableaux</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <source>Show everything about the current image (I)</source>
        <translation>Tout afficher sur l’image actuelle (I)</translation>
    </message>
    <message>
        <source>No Grouping</source>
        <translation>Sans regroupement</translation>
    </message>
    <message>
        <source>By Day</source>
        <translation>Par jour</translation>
    </message>
    <message>
        <source>By Recipe</source>
        <translation>Par recette</translation>
    </message>
    <message>
        <source>Group the images by day, or stack the variations of one recipe</source>
        <translation>Regrouper les images par jour, ou empiler les variantes d’une recette</translation>
    </message>
    <message>
        <source>No rejected images here (X marks an image as rejected)</source>
        <translation>Aucune image rejetée ici (X rejette une image)</translation>
    </message>
    <message numerus="yes">
        <source>Moved %n rejected image(s) to the trash; Ctrl+Z brings them back</source>
        <translation><numerusform>%n image rejetée mise à la corbeille ; Ctrl+Z la rétablit</numerusform><numerusform>%n images rejetées mises à la corbeille ; Ctrl+Z les rétablit</numerusform></translation>
    </message>
    <message>
        <source>The model %1 cannot be read (%2): the image cannot be made again as it was</source>
        <translation>Le modèle %1 ne peut pas être lu (%2) : l’image ne peut pas être refaite à l’identique</translation>
    </message>
    <message>
        <source>The model %1 is not the file this image was made with (its hash is %2, the image's %3): the same seed will not give the same image</source>
        <translation>Le modèle %1 n’est pas le fichier avec lequel cette image a été faite (son empreinte est %2, celle de l’image %3) : la même graine ne donnera pas la même image</translation>
    </message>
    <message numerus="yes">
        <source>Queued %n variation(s)</source>
        <translation><numerusform>%n variante mise en file</numerusform><numerusform>%n variantes mises en file</numerusform></translation>
    </message>
    <message>
        <source>Select two or more images to compare (Ctrl+click or Shift+click)</source>
        <translation>Sélectionnez deux images ou plus à comparer (Ctrl+clic ou Maj+clic)</translation>
    </message>
    <message>
        <source>Save Search</source>
        <translation>Enregistrer la recherche</translation>
    </message>
    <message>
        <source>Name of the collection for "%1":</source>
        <translation>Nom de la collection pour « %1 » :</translation>
    </message>
    <message>
        <source>%1 is not in the gallery</source>
        <translation>%1 n’est pas dans la galerie</translation>
    </message>
    <message>
        <source>Vary</source>
        <translation>Varier</translation>
    </message>
    <message>
        <source>Next 4 Seeds</source>
        <translation>4 graines suivantes</translation>
    </message>
    <message>
        <source>Next 8 Seeds</source>
        <translation>8 graines suivantes</translation>
    </message>
    <message>
        <source>Guidance Sweep (−2 to +2)</source>
        <translation>Série de guidage (−2 à +2)</translation>
    </message>
    <message>
        <source>Steps Sweep (−10 to +10)</source>
        <translation>Série d’étapes (−10 à +10)</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Comparer</translation>
    </message>
    <message>
        <source>Boards</source>
        <translation>Tableaux</translation>
    </message>
    <message>
        <source>New Board…</source>
        <translation>Nouveau tableau…</translation>
    </message>
    <message>
        <source>New Board</source>
        <translation>Nouveau tableau</translation>
    </message>
    <message>
        <source>Name of the board:</source>
        <translation>Nom du tableau :</translation>
    </message>
    <message>
        <source>Delete Rejects</source>
        <translation>Supprimer les rejetées</translation>
    </message>
    <message>
        <source>Move every rejected image shown to the trash (Ctrl+Z brings them back)</source>
        <translation>Mettre à la corbeille toutes les images rejetées affichées (Ctrl+Z les rétablit)</translation>
    </message>
</context>
<context>
    <name>easel::GalleryQuery</name>
    <message>
        <source>unclosed quote in the search "%1"</source>
        <translation>guillemet non fermé dans la recherche "%1"</translation>
    </message>
    <message>
        <source>%1: expects a number, a comparison (&gt;7, &lt;=20) or a range (5..8), got "%2"</source>
        <translation>%1 : attend un nombre, une comparaison (&gt;7, &lt;=20) ou un intervalle (5..8), pas "%2"</translation>
    </message>
    <message>
        <source>date: expects YYYY, YYYY-MM or YYYY-MM-DD, optionally with &gt;, &gt;=, &lt;, &lt;= or A..B, got "%1"</source>
        <translation>date: attend AAAA, AAAA-MM ou AAAA-MM-JJ, éventuellement avec &gt;, &gt;=, &lt;, &lt;= ou A..B, pas "%1"</translation>
    </message>
    <message>
        <source>%1: expects yes or no, got "%2"</source>
        <translation>%1 : attend yes ou no, pas "%2"</translation>
    </message>
    <message>
        <source>%1: needs a value</source>
        <translation>%1 : nécessite une valeur</translation>
    </message>
    <message>
        <source>size: expects WIDTHxHEIGHT, got "%1"</source>
        <translation>size: attend LARGEURxHAUTEUR, pas "%1"</translation>
    </message>
    <message>
        <source>flag: expects black, white, uniform, nan, any, ok or unchecked, got "%1"</source>
        <translation>flag: attend black, white, uniform, nan, any, ok ou unchecked, reçu « %1 »</translation>
    </message>
</context>
<context>
    <name>easel::GallerySidebar</name>
    <message>
        <source>Save Search</source>
        <translation>Enregistrer la recherche</translation>
    </message>
    <message>
        <source>Keep the current search in the side bar as a live collection</source>
        <translation>Garder la recherche actuelle dans la barre latérale comme collection dynamique</translation>
    </message>
    <message>
        <source>New Board</source>
        <translation>Nouveau tableau</translation>
    </message>
    <message>
        <source>A board is a collection you fill by hand; an image can be on several</source>
        <translation>Un tableau est une collection que vous remplissez à la main ; une image peut figurer sur plusieurs</translation>
    </message>
    <message>
        <source>Name of the board:</source>
        <translation>Nom du tableau :</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>Bibliothèque</translation>
    </message>
    <message>
        <source>All Images</source>
        <translation>Toutes les images</translation>
    </message>
    <message>
        <source>Picks</source>
        <translation>Retenues</translation>
    </message>
    <message>
        <source>Rated 4 or More</source>
        <translation>Notées 4 ou plus</translation>
    </message>
    <message>
        <source>Rejects</source>
        <translation>Rejetées</translation>
    </message>
    <message>
        <source>Saved Searches</source>
        <translation>Recherches enregistrées</translation>
    </message>
    <message>
        <source>Boards</source>
        <translation>Tableaux</translation>
    </message>
    <message>
        <source>Remove Saved Search</source>
        <translation>Supprimer la recherche enregistrée</translation>
    </message>
    <message>
        <source>Remove Board</source>
        <translation>Retirer le tableau</translation>
    </message>
</context>
<context>
    <name>easel::GenerationJob</name>
    <message>
        <source>(no prompt)</source>
        <translation>(aucun prompt)</translation>
    </message>
    <message>
        <source>no output file or folder given</source>
        <translation>aucun fichier ni dossier de sortie indiqué</translation>
    </message>
    <message>
        <source>%1: the output must be a .png file (it carries the recipe)</source>
        <translation>%1 : la sortie doit être un fichier .png (il porte la recette)</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>annulé</translation>
    </message>
    <message>
        <source>Previews were approximate: %1</source>
        <translation>Les aperçus étaient approximatifs : %1</translation>
    </message>
    <message>
        <source>%1: has no tensor named 'latents'</source>
        <translation>%1 : ne contient aucun tenseur nommé 'latents'</translation>
    </message>
    <message>
        <source>%1: 'latents' must be a float NCHW tensor</source>
        <translation>%1 : 'latents' doit être un tenseur flottant NCHW</translation>
    </message>
    <message>
        <source>TAESD previews need the %1 decoder: fetch it once (easel-cli fetch %1) or choose its file</source>
        <translation>Les aperçus TAESD nécessitent le décodeur %1 : téléchargez-le une fois (easel-cli fetch %1) ou choisissez son fichier</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Impossible de lire %1 : %2</translation>
    </message>
    <message>
        <source>not a safetensors file</source>
        <translation>pas un fichier safetensors</translation>
    </message>
    <message>
        <source>%1 was flagged; made again with seed %2</source>
        <translation>%1 a été signalée ; refaite avec la graine %2</translation>
    </message>
</context>
<context>
    <name>easel::ImageDropArea</name>
    <message>
        <source>Drop an image here (or click to choose one) to start from it: image to image</source>
        <translation>Déposez une image ici (ou cliquez pour en choisir une) pour partir d'elle : image vers image</translation>
    </message>
    <message>
        <source>No source image (text to image)</source>
        <translation>Pas d'image source (texte vers image)</translation>
    </message>
    <message>
        <source>%1 is not a readable image: %2</source>
        <translation>%1 n'est pas une image lisible : %2</translation>
    </message>
    <message>
        <source>Drop a source image here</source>
        <translation>Déposez une image source ici</translation>
    </message>
    <message>
        <source>Source image</source>
        <translation>Image source</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.bmp)</source>
        <translation>Images (*.png *.jpg *.jpeg *.webp *.bmp)</translation>
    </message>
</context>
<context>
    <name>easel::ImageMetadata</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Impossible de lire %1 : %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
</context>
<context>
    <name>easel::ImageRecipe</name>
    <message>
        <source>%1 must be from %2 to %3, not %4</source>
        <translation>%1 doit être entre %2 et %3, pas %4</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Étapes</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>Largeur</translation>
    </message>
    <message>
        <source>Height</source>
        <translation>Hauteur</translation>
    </message>
    <message>
        <source>%1 must be a multiple of %2 from %3 to %4, not %5</source>
        <translation>%1 doit être un multiple de %2 entre %3 et %4, pas %5</translation>
    </message>
    <message>
        <source>The seed must not be negative</source>
        <translation>La graine ne doit pas être négative</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>Taille du lot</translation>
    </message>
    <message>
        <source>Batch count</source>
        <translation>Nombre de lots</translation>
    </message>
    <message>
        <source>Clip skip</source>
        <translation>Clip skip</translation>
    </message>
    <message>
        <source>The img2img strength must be above %1 and at most %2, not %3</source>
        <translation>La force img2img doit être supérieure à %1 et au plus %2, pas %3</translation>
    </message>
    <message>
        <source>A1111 parameters: the text is empty</source>
        <translation>Paramètres A1111 : le texte est vide</translation>
    </message>
    <message>
        <source>Easel metadata: 'format_version' is missing</source>
        <translation>Métadonnées Easel : 'format_version' manque</translation>
    </message>
    <message>
        <source>Easel metadata: 'format_version' must be a positive integer</source>
        <translation>Métadonnées Easel : 'format_version' doit être un entier positif</translation>
    </message>
    <message>
        <source>Easel metadata: format_version %1 is newer than this Easel reads (%2)</source>
        <translation>Métadonnées Easel : format_version %1 est plus récent que ce que lit cet Easel (%2)</translation>
    </message>
    <message>
        <source>Easel metadata: 'prompt' must be a string</source>
        <translation>Métadonnées Easel : 'prompt' doit être une chaîne de caractères</translation>
    </message>
    <message>
        <source>Easel metadata: not valid JSON at offset %1: %2</source>
        <translation>Métadonnées Easel : JSON non valide à la position %1 : %2</translation>
    </message>
    <message>
        <source>Easel metadata: the top level must be an object</source>
        <translation>Métadonnées Easel : le niveau supérieur doit être un objet</translation>
    </message>
    <message>
        <source>must be a string</source>
        <translation>doit être une chaîne de caractères</translation>
    </message>
    <message>
        <source>must be a number</source>
        <translation>doit être un nombre</translation>
    </message>
    <message>
        <source>must be an integer from %1 to %2</source>
        <translation>doit être un entier de %1 à %2</translation>
    </message>
    <message>
        <source>has an unknown value '%1'</source>
        <translation>a une valeur inconnue '%1'</translation>
    </message>
    <message>
        <source>Easel metadata: '%1' %2</source>
        <translation>Métadonnées Easel : '%1' %2</translation>
    </message>
    <message>
        <source>must be an object</source>
        <translation>doit être un objet</translation>
    </message>
    <message>
        <source>values must be strings</source>
        <translation>les valeurs doivent être des chaînes de caractères</translation>
    </message>
    <message>
        <source>must be from 0 to 1</source>
        <translation>doit être entre 0 et 1</translation>
    </message>
    <message>
        <source>must be 64 lowercase hex digits</source>
        <translation>doit faire 64 chiffres hexadécimaux en minuscules</translation>
    </message>
    <message>
        <source>A1111 parameters: '%1' %2, got '%3'</source>
        <translation>Paramètres A1111 : '%1' %2, pas '%3'</translation>
    </message>
    <message>
        <source>must be a whole number from 1 to 10000</source>
        <translation>doit être un entier de 1 à 10000</translation>
    </message>
    <message>
        <source>must be a whole number</source>
        <translation>doit être un entier</translation>
    </message>
    <message>
        <source>must be WIDTHxHEIGHT</source>
        <translation>doit être LARGEURxHAUTEUR</translation>
    </message>
    <message>
        <source>must be a number from 0 to 1</source>
        <translation>doit être un nombre de 0 à 1</translation>
    </message>
    <message>
        <source>must be a whole number from 1 to 12</source>
        <translation>doit être un entier de 1 à 12</translation>
    </message>
    <message>
        <source>must be a list of {path, weight} objects</source>
        <translation>doit être une liste d'objets {path, weight}</translation>
    </message>
    <message>
        <source>must be a list of {name, hash} objects</source>
        <translation>doit être une liste d'objets {name, hash}</translation>
    </message>
    <message>
        <source>Mask blur</source>
        <translation>Flou du masque</translation>
    </message>
    <message>
        <source>Mask grow</source>
        <translation>Extension du masque</translation>
    </message>
    <message>
        <source>must be a whole number from %1 to %2</source>
        <translation>doit être un nombre entier de %1 à %2</translation>
    </message>
    <message>
        <source>must be a list of 'name: hash'</source>
        <translation>doit être une liste de « nom : hash »</translation>
    </message>
    <message>
        <source>Step cache</source>
        <translation>Cache des étapes</translation>
    </message>
    <message>
        <source>must be a number from %1 to %2</source>
        <translation>doit être un nombre de %1 à %2</translation>
    </message>
    <message>
        <source>Guidance</source>
        <translation>Guidage</translation>
    </message>
    <message>
        <source>Token merging</source>
        <translation>Fusion de jetons</translation>
    </message>
</context>
<context>
    <name>easel::ImageSlot</name>
    <message>
        <source>Drop an image here or choose one with Open</source>
        <translation>Déposez une image ici ou choisissez-en une avec Ouvrir</translation>
    </message>
    <message>
        <source>Open...</source>
        <translation>Ouvrir...</translation>
    </message>
    <message>
        <source>Loading %1...</source>
        <translation>Chargement de %1...</translation>
    </message>
    <message>
        <source>Choose an image</source>
        <translation>Choisir une image</translation>
    </message>
</context>
<context>
    <name>easel::ImageToolJob</name>
    <message>
        <source>Enhance %1</source>
        <translation>Améliorer %1</translation>
    </message>
    <message>
        <source>Merge %1</source>
        <translation>Fusionner %1</translation>
    </message>
    <message>
        <source>Attribute %1</source>
        <translation>Marquer %1</translation>
    </message>
    <message>
        <source>%1 needs %2 input image(s)</source>
        <translation>%1 nécessite %2 image(s) d'entrée</translation>
    </message>
    <message>
        <source>unknown image tool '%1'</source>
        <translation>outil d'image inconnu '%1'</translation>
    </message>
    <message>
        <source>Apply chain %1</source>
        <translation>Appliquer la chaîne : %1</translation>
    </message>
    <message>
        <source>merge: %1</source>
        <translation>fusion : %1</translation>
    </message>
</context>
<context>
    <name>easel::ImageWriter</name>
    <message>
        <source>cannot save images in %1: %2</source>
        <translation>impossible d'enregistrer des images dans %1 : %2</translation>
    </message>
</context>
<context>
    <name>easel::Job</name>
    <message>
        <source>unknown kind of job '%1'</source>
        <translation>type de tâche inconnu '%1'</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Loading the model</source>
        <translation>Chargement du modèle</translation>
    </message>
    <message>
        <source>Encoding the prompt</source>
        <translation>Encodage du prompt</translation>
    </message>
    <message>
        <source>Sampling</source>
        <translation>Échantillonnage</translation>
    </message>
    <message>
        <source>Decoding</source>
        <translation>Décodage</translation>
    </message>
    <message>
        <source>Processing</source>
        <translation>Traitement</translation>
    </message>
    <message>
        <source>Saving</source>
        <translation>Enregistrement</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>En cours</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Échec</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulé</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>Interrompu</translation>
    </message>
</context>
<context>
    <name>easel::JobQueue</name>
    <message>
        <source>cancelled before it started</source>
        <translation>annulé avant son démarrage</translation>
    </message>
</context>
<context>
    <name>easel::LargeImageView</name>
    <message>
        <source>Space or a click goes back to the grid</source>
        <translation>Espace ou un clic revient à la grille</translation>
    </message>
</context>
<context>
    <name>easel::LoraPicker</name>
    <message>
        <source>Choose a LoRA to add</source>
        <translation>Choisir un LoRA à ajouter</translation>
    </message>
    <message>
        <source>LoRA files of the LoRA folders; those made for another kind of model are greyed</source>
        <translation>Fichiers LoRA des dossiers LoRA ; ceux faits pour un autre type de modèle sont grisés</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <source>Put the chosen LoRA on the stack</source>
        <translation>Mettre le LoRA choisi dans la pile</translation>
    </message>
    <message>
        <source>Look for LoRA files again</source>
        <translation>Chercher de nouveau les fichiers LoRA</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>inconnu</translation>
    </message>
    <message>
        <source>Made for %1 models; the selected model is %2.</source>
        <translation>Fait pour les modèles %1 ; le modèle choisi est %2.</translation>
    </message>
    <message>
        <source>Trigger words: %1</source>
        <translation>Mots déclencheurs : %1</translation>
    </message>
    <message>
        <source>No LoRA folder is set.</source>
        <translation>Aucun dossier LoRA n'est défini.</translation>
    </message>
    <message>
        <source>No LoRA files in %1 yet: put kohya/A1111 LoRAs (.safetensors) there, then press the reload button beside Add.</source>
        <translation>Pas encore de fichiers LoRA dans %1 : placez-y des LoRA kohya/A1111 (.safetensors), puis appuyez sur le bouton de rechargement à côté d'Ajouter.</translation>
    </message>
    <message>
        <source>Strength of this LoRA on the model and its text encoder (1: as trained)</source>
        <translation>Force de ce LoRA sur le modèle et son encodeur de texte (1 : tel qu'entraîné)</translation>
    </message>
    <message>
        <source>Take this LoRA off the stack</source>
        <translation>Retirer ce LoRA de la pile</translation>
    </message>
    <message>
        <source>%1 is not there any more.</source>
        <translation>%1 n'est plus là.</translation>
    </message>
    <message>
        <source>Left out of the image while it does not fit.</source>
        <translation>Laissé de côté pour l'image tant qu'il ne convient pas.</translation>
    </message>
    <message>
        <source>LoRA %1 left out: %2</source>
        <translation>LoRA %1 laissé de côté : %2</translation>
    </message>
</context>
<context>
    <name>easel::LoraStack</name>
    <message>
        <source>LoRA stack: at most %1 LoRAs; left out: %2</source>
        <translation>Pile de LoRA : %1 LoRA au plus ; laissés de côté : %2</translation>
    </message>
</context>
<context>
    <name>easel::MainWindow</name>
    <message numerus="yes">
        <source>%n s</source>
        <translation><numerusform>%n s</numerusform><numerusform>%n s</numerusform></translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>Easel</source>
        <translation>Easel</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Prêt</translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation>&amp;Générer</translation>
    </message>
    <message>
        <source>Queue this recipe at the back of the queue</source>
        <translation>Ajouter cette recette à la fin de la file d'attente</translation>
    </message>
    <message>
        <source>Generate &amp;Next</source>
        <translation>Générer en &amp;priorité</translation>
    </message>
    <message>
        <source>Queue this recipe at the front, before the waiting jobs</source>
        <translation>Placer cette recette en tête, avant les tâches en attente</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <source>&amp;Pause After Current Job</source>
        <translation>Pa&amp;use après la tâche en cours</translation>
    </message>
    <message>
        <source>&amp;Models...</source>
        <translation>&amp;Modèles...</translation>
    </message>
    <message>
        <source>Add, describe, download and choose models</source>
        <translation>Ajouter, décrire, télécharger et choisir des modèles</translation>
    </message>
    <message>
        <source>&amp;Open Image Recipe...</source>
        <translation>&amp;Ouvrir la recette d'une image...</translation>
    </message>
    <message>
        <source>&amp;Free Model Memory</source>
        <translation>&amp;Libérer la mémoire des modèles</translation>
    </message>
    <message>
        <source>Unload the models kept in memory (the next generation loads its model again)</source>
        <translation>Décharger les modèles gardés en mémoire (la prochaine génération recharge son modèle)</translation>
    </message>
    <message>
        <source>Freed %1 GiB of model memory</source>
        <translation>%1 Gio de mémoire des modèles libérés</translation>
    </message>
    <message>
        <source>&amp;Settings...</source>
        <translation>&amp;Paramètres...</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>Zoom &amp;avant</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>Zoom a&amp;rrière</translation>
    </message>
    <message>
        <source>&amp;Fit to Window</source>
        <translation>A&amp;juster à la fenêtre</translation>
    </message>
    <message>
        <source>&amp;Actual Size (1:1)</source>
        <translation>&amp;Taille réelle (1:1)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ai&amp;de</translation>
    </message>
    <message>
        <source>&amp;About Easel</source>
        <translation>À &amp;propos d'Easel</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>Inactif</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>Générer</translation>
    </message>
    <message>
        <source>Queue this recipe (Ctrl+Enter; Shift+Ctrl+Enter queues it first)</source>
        <translation>Mettre cette recette en file d'attente (Ctrl+Entrée ; Maj+Ctrl+Entrée la place en tête)</translation>
    </message>
    <message>
        <source>Recipe</source>
        <translation>Recette</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>File d'attente</translation>
    </message>
    <message>
        <source>The queue will not be kept after Easel closes: %1</source>
        <translation>La file d'attente ne sera pas conservée après la fermeture d'Easel : %1</translation>
    </message>
    <message>
        <source>Easel stopped while a job was running: that job is marked interrupted and the queue is paused. Retry it or resume the queue when you are ready.</source>
        <translation>Easel s'est arrêté pendant une tâche : cette tâche est marquée comme interrompue et la file d'attente est en pause. Relancez-la ou reprenez la file quand vous êtes prêt.</translation>
    </message>
    <message numerus="yes">
        <source>Queued: %n job(s) waiting</source>
        <translation><numerusform>Ajoutée à la file : %n tâche en attente</numerusform><numerusform>Ajoutée à la file : %n tâches en attente</numerusform></translation>
    </message>
    <message>
        <source>Starting</source>
        <translation>Démarrage</translation>
    </message>
    <message>
        <source>%1 holds no recipe Easel can read (no Easel or A1111 parameters).</source>
        <translation>%1 ne contient aucune recette lisible par Easel (ni paramètres Easel ni A1111).</translation>
    </message>
    <message>
        <source>Recipe of %1 loaded</source>
        <translation>Recette de %1 chargée</translation>
    </message>
    <message>
        <source>Demo model (random weights: abstract noise)</source>
        <translation>Modèle de démo (poids aléatoires : bruit abstrait)</translation>
    </message>
    <message>
        <source>Easel's tiny bundled model. Its weights are random, so it makes coloured noise: add a real model to make pictures.</source>
        <translation>Le minuscule modèle fourni avec Easel. Ses poids sont aléatoires, il produit donc un bruit coloré : ajoutez un vrai modèle pour créer des images.</translation>
    </message>
    <message>
        <source>%1 does not exist.</source>
        <translation>%1 n'existe pas.</translation>
    </message>
    <message>
        <source>Open an image's recipe</source>
        <translation>Ouvrir la recette d'une image</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>Images PNG (*.png)</translation>
    </message>
    <message>
        <source>Cancelling...</source>
        <translation>Annulation...</translation>
    </message>
    <message>
        <source>Starting: %1</source>
        <translation>Démarrage : %1</translation>
    </message>
    <message>
        <source>Sampling: step %1 of %2</source>
        <translation>Échantillonnage : étape %1 sur %2</translation>
    </message>
    <message>
        <source>batch %1 of %2</source>
        <translation>lot %1 sur %2</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>reste %1</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulé</translation>
    </message>
    <message numerus="yes">
        <source>Saved %n image(s) to %1</source>
        <translation><numerusform>%n image enregistrée dans %1</numerusform><numerusform>%n images enregistrées dans %1</numerusform></translation>
    </message>
    <message>
        <source>Write a prompt and press Generate (Ctrl+Enter).
Each step shows here as it forms.</source>
        <translation>Écrivez un prompt et appuyez sur Générer (Ctrl+Entrée).
Chaque étape s'affiche ici pendant que l'image se forme.</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Édition</translation>
    </message>
    <message>
        <source>Gallery</source>
        <translation>Galerie</translation>
    </message>
    <message>
        <source>&amp;Undo Move to Trash</source>
        <translation>&amp;Annuler la mise à la corbeille</translation>
    </message>
    <message>
        <source>The demo model is selected: its weights are random, so it makes abstract coloured noise. To make pictures, add a real model (File &gt; Models...): a Stable Diffusion 1.x, 2.x or SDXL .safetensors checkpoint or a diffusers folder.</source>
        <translation>Le modèle de démo est sélectionné : ses poids sont aléatoires, il produit donc un bruit coloré abstrait. Pour créer des images, ajoutez un vrai modèle (Fichier &gt; Modèles...) : un checkpoint .safetensors Stable Diffusion 1.x, 2.x ou SDXL, ou un dossier diffusers.</translation>
    </message>
    <message>
        <source>&amp;Export Images...</source>
        <translation>&amp;Exporter des images...</translation>
    </message>
    <message>
        <source>Save the selected gallery images (or the one shown) as PNG, JPEG or WebP</source>
        <translation>Enregistrer les images choisies dans la galerie (ou celle affichée) en PNG, JPEG ou WebP</translation>
    </message>
    <message>
        <source>Enhance</source>
        <translation>Améliorer</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>Fusionner</translation>
    </message>
    <message>
        <source>Attribute</source>
        <translation>Attribuer</translation>
    </message>
    <message>
        <source>Finishing</source>
        <translation>Finitions</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Fast preset undone: the sampling settings are back</source>
        <translation>Préréglage rapide annulé : les réglages d'échantillonnage sont revenus</translation>
    </message>
    <message>
        <source>Cannot make the folder %1 for the mask.</source>
        <translation>Impossible de créer le dossier %1 pour le masque.</translation>
    </message>
    <message>
        <source>The recipe's mask %1 is not there any more: paint it again.</source>
        <translation>Le masque %1 de la recette n'est plus là : peignez-le de nouveau.</translation>
    </message>
    <message>
        <source>Storyboard</source>
        <translation>Storyboard</translation>
    </message>
    <message>
        <source>Compose</source>
        <translation>Composer</translation>
    </message>
    <message>
        <source>&amp;Compose Character and Background...</source>
        <translation>&amp;Composer personnage et décor...</translation>
    </message>
    <message>
        <source>Two prompts, one job: a character, a background and the two merged</source>
        <translation>Deux prompts, une tâche : un personnage, un décor et les deux fusionnés</translation>
    </message>
</context>
<context>
    <name>easel::MaskLayer</name>
    <message>
        <source>Erase</source>
        <translation>Gommer</translation>
    </message>
    <message>
        <source>Paint</source>
        <translation>Peindre</translation>
    </message>
    <message>
        <source>Clear mask</source>
        <translation>Effacer le masque</translation>
    </message>
</context>
<context>
    <name>easel::MaskToolBar</name>
    <message>
        <source>Paint Mask</source>
        <translation>Peindre le masque</translation>
    </message>
    <message>
        <source>Paint over the start image what to redraw (inpainting); the rest is kept. Off: the canvas shows the results again</source>
        <translation>Peindre sur l'image source ce qui doit être redessiné (inpainting) ; le reste est conservé. Désactivé : le canevas montre de nouveau les résultats</translation>
    </message>
    <message>
        <source>Brush</source>
        <translation>Pinceau</translation>
    </message>
    <message>
        <source>Paint the area to redraw</source>
        <translation>Peindre la zone à redessiner</translation>
    </message>
    <message>
        <source>Eraser</source>
        <translation>Gomme</translation>
    </message>
    <message>
        <source>Erase from the mask: keep that area</source>
        <translation>Gommer le masque : garder cette zone</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Brush diameter in pixels of the start image</source>
        <translation>Diamètre du pinceau en pixels de l'image source</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Undo the last mask stroke (Ctrl+Z on the canvas)</source>
        <translation>Annuler le dernier trait du masque (Ctrl+Z sur le canevas)</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Rétablir</translation>
    </message>
    <message>
        <source>Redo the mask stroke undone last (Ctrl+Shift+Z on the canvas)</source>
        <translation>Rétablir le dernier trait du masque annulé (Ctrl+Maj+Z sur le canevas)</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <source>Remove the mask: the whole image is redrawn</source>
        <translation>Retirer le masque : toute l'image est redessinée</translation>
    </message>
    <message>
        <source>No mask: the whole start image is redrawn</source>
        <translation>Pas de masque : toute l'image source est redessinée</translation>
    </message>
    <message>
        <source>Mask: only the painted area is redrawn</source>
        <translation>Masque : seule la zone peinte est redessinée</translation>
    </message>
</context>
<context>
    <name>easel::MergeCanvas</name>
    <message>
        <source>Drag the figure to move it; turn the wheel to scale it</source>
        <translation>Faites glisser le personnage pour le déplacer ; tournez la molette pour le redimensionner</translation>
    </message>
    <message>
        <source>Paint over the cut-out: keep (green) marks the figure, remove (red) the backdrop</source>
        <translation>Peindre sur le détourage : Garder (vert) marque le personnage, Retirer (rouge) le fond</translation>
    </message>
</context>
<context>
    <name>easel::MergePanel</name>
    <message>
        <source>Character: drop an image</source>
        <translation>Personnage : déposez une image</translation>
    </message>
    <message>
        <source>Background: drop an image</source>
        <translation>Arrière-plan : déposez une image</translation>
    </message>
    <message>
        <source>Default place</source>
        <translation>Position par défaut</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Appliquer</translation>
    </message>
    <message>
        <source>Choose a character (its backdrop is cut away) and a background</source>
        <translation>Choisissez un personnage (son fond est découpé) et un arrière-plan</translation>
    </message>
    <message>
        <source>Cut-out</source>
        <translation>Détourage</translation>
    </message>
    <message>
        <source>Show the cut-out figure over a checkerboard</source>
        <translation>Afficher le personnage détouré sur un damier</translation>
    </message>
    <message>
        <source>The middle of the right half, feet on the bottom edge, full height</source>
        <translation>Au milieu de la moitié droite, pieds sur le bord inférieur, pleine hauteur</translation>
    </message>
    <message>
        <source>1: the character's whole image as tall as the output. Or turn the wheel on the canvas</source>
        <translation>1 : toute l'image du personnage aussi haute que la sortie. Ou tournez la molette sur le canevas</translation>
    </message>
    <message>
        <source> x</source>
        <translation> x</translation>
    </message>
    <message>
        <source>How far the figure's colours move towards the background's: 0 none, 1 full</source>
        <translation>À quel point les couleurs du personnage se rapprochent de celles de l'arrière-plan : 0 pas du tout, 1 entièrement</translation>
    </message>
    <message>
        <source>Feathering of the figure's edge in character pixels; auto: about 0.2% of its size</source>
        <translation>Adoucissement du bord du personnage, en pixels du personnage ; auto : environ 0,2 % de sa taille</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>auto</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Figure size</source>
        <translation>Taille du personnage</translation>
    </message>
    <message>
        <source>Harmonise colours</source>
        <translation>Harmoniser les couleurs</translation>
    </message>
    <message>
        <source>Edge softness</source>
        <translation>Douceur des bords</translation>
    </message>
    <message>
        <source>Output size</source>
        <translation>Taille de sortie</translation>
    </message>
    <message>
        <source>Queued: %1</source>
        <translation>En file : %1</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Enregistré : %1</translation>
    </message>
    <message>
        <source>Cutting out %1...</source>
        <translation>Détourage de %1...</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>Figure cut out of %1 in %2 ms</source>
        <translation>Personnage détouré de %1 en %2 ms</translation>
    </message>
    <message>
        <source>Merge at full size into a new file beside the character (queued)</source>
        <translation>Fusionner en taille réelle dans un nouveau fichier à côté du personnage (mise en file)</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>Garder</translation>
    </message>
    <message>
        <source>Paint over parts of the figure that were cut away</source>
        <translation>Peindre sur les parties du personnage qui ont été retirées</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Paint over backdrop that was kept with the figure</source>
        <translation>Peindre sur le fond conservé avec le personnage</translation>
    </message>
    <message>
        <source>Brush radius in character pixels</source>
        <translation>Rayon du pinceau en pixels de l'image du personnage</translation>
    </message>
    <message>
        <source>Undo stroke</source>
        <translation>Annuler le trait</translation>
    </message>
    <message>
        <source>Take back the last stroke</source>
        <translation>Annuler le dernier trait</translation>
    </message>
    <message>
        <source>Clear strokes</source>
        <translation>Effacer les traits</translation>
    </message>
    <message>
        <source>Take back every stroke: the cut-out as it was found</source>
        <translation>Annuler tous les traits : le détourage tel qu'il a été trouvé</translation>
    </message>
    <message>
        <source>Brush:</source>
        <translation>Pinceau :</translation>
    </message>
</context>
<context>
    <name>easel::MessageBar</name>
    <message>
        <source>Hide this message</source>
        <translation>Masquer ce message</translation>
    </message>
</context>
<context>
    <name>easel::ModelService</name>
    <message>
        <source>this build of libtorch has no usable CUDA device</source>
        <translation>cette version de libtorch n'a aucun périphérique CUDA utilisable</translation>
    </message>
</context>
<context>
    <name>easel::ModelsDialog</name>
    <message>
        <source>Models</source>
        <translation>Modèles</translation>
    </message>
    <message>
        <source>Add file...</source>
        <translation>Ajouter un fichier...</translation>
    </message>
    <message>
        <source>Add diffusers folder...</source>
        <translation>Ajouter un dossier diffusers...</translation>
    </message>
    <message>
        <source>Remove from list</source>
        <translation>Retirer de la liste</translation>
    </message>
    <message>
        <source>Removes the model from Easel's list; its files stay where they are.</source>
        <translation>Retire le modèle de la liste d'Easel ; ses fichiers restent où ils sont.</translation>
    </message>
    <message>
        <source>Open models folder</source>
        <translation>Ouvrir le dossier des modèles</translation>
    </message>
    <message>
        <source>Use this model</source>
        <translation>Utiliser ce modèle</translation>
    </message>
    <message>
        <source>Downloads</source>
        <translation>Téléchargements</translation>
    </message>
    <message>
        <source>Models folder: %1</source>
        <translation>Dossier des modèles : %1</translation>
    </message>
    <message>
        <source>Bundled</source>
        <translation>Fourni</translation>
    </message>
    <message>
        <source>Demo model (random weights: abstract noise)</source>
        <translation>Modèle de démo (poids aléatoires : bruit abstrait)</translation>
    </message>
    <message>
        <source>Your models</source>
        <translation>Vos modèles</translation>
    </message>
    <message>
        <source>%1 (missing)</source>
        <translation>%1 (manquant)</translation>
    </message>
    <message>
        <source>In the models folder</source>
        <translation>Dans le dossier des modèles</translation>
    </message>
    <message>
        <source>Reading %1...</source>
        <translation>Lecture de %1...</translation>
    </message>
    <message>
        <source>Easel cannot use this model: %1</source>
        <translation>Easel ne peut pas utiliser ce modèle : %1</translation>
    </message>
    <message>
        <source>Easel's bundled demo model: the real Stable Diffusion 1.5 architecture with tiny random weights, for trying every part of Easel on any machine. Its pictures are abstract noise; for real pictures, add or download a model.</source>
        <translation>Le modèle de démo fourni avec Easel : la vraie architecture de Stable Diffusion 1.5 avec de minuscules poids aléatoires, pour essayer chaque partie d'Easel sur n'importe quelle machine. Ses images sont du bruit abstrait ; pour de vraies images, ajoutez ou téléchargez un modèle.</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Emplacement</translation>
    </message>
    <message>
        <source>Layout</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>a standalone VAE, not a whole model: Easel cannot generate with it alone</source>
        <translation>un VAE seul, pas un modèle complet : Easel ne peut pas générer avec lui seul</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>Architecture</translation>
    </message>
    <message>
        <source>%1, inpainting</source>
        <translation>%1, inpainting</translation>
    </message>
    <message>
        <source>Prediction</source>
        <translation>Prédiction</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>v-prediction</source>
        <translation>v-prediction</translation>
    </message>
    <message>
        <source>epsilon</source>
        <translation>epsilon</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>Poids</translation>
    </message>
    <message>
        <source>%1 parameters, stored as %2</source>
        <translation>%1 paramètres, stockés en %2</translation>
    </message>
    <message>
        <source>Size on disk</source>
        <translation>Taille sur le disque</translation>
    </message>
    <message>
        <source>the GPU (CUDA)</source>
        <translation>le GPU (CUDA)</translation>
    </message>
    <message>
        <source>the CPU</source>
        <translation>le CPU</translation>
    </message>
    <message>
        <source>Memory to run</source>
        <translation>Mémoire nécessaire</translation>
    </message>
    <message>
        <source>about %1 for the weights in %2 on %3, plus working memory that grows with the image size</source>
        <translation>environ %1 pour les poids en %2 sur %3, plus une mémoire de travail qui croît avec la taille de l'image</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Licence</translation>
    </message>
    <message>
        <source>MIT: random weights made for Easel, no use restrictions</source>
        <translation>MIT : poids aléatoires créés pour Easel, aucune restriction d'usage</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>Usage</translation>
    </message>
    <message>
        <source>Components</source>
        <translation>Composants</translation>
    </message>
    <message>
        <source>%1 parameters</source>
        <translation>%1 paramètres</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>Remarque : %1</translation>
    </message>
    <message>
        <source>Stable Diffusion checkpoints (*.safetensors)</source>
        <translation>Checkpoints Stable Diffusion (*.safetensors)</translation>
    </message>
    <message>
        <source>Add a model file</source>
        <translation>Ajouter un fichier de modèle</translation>
    </message>
    <message>
        <source>Add a diffusers folder</source>
        <translation>Ajouter un dossier diffusers</translation>
    </message>
    <message>
        <source>%1 is not a diffusers folder: it has no model_index.json.</source>
        <translation>%1 n'est pas un dossier diffusers : il n'a pas de model_index.json.</translation>
    </message>
</context>
<context>
    <name>easel::OpenAiBackend</name>
    <message>
        <source>OpenAI Images</source>
        <translation>OpenAI Images</translation>
    </message>
    <message>
        <source>no API key for OpenAI: set OPENAI_API_KEY or store a key in the system keychain</source>
        <translation>aucune clé d'API pour OpenAI : définissez OPENAI_API_KEY ou enregistrez une clé dans le trousseau du système</translation>
    </message>
    <message>
        <source>OpenAI made %1x%2 images (the size of %3 nearest %4x%5)</source>
        <translation>OpenAI a créé des images de %1x%2 (la taille de %3 la plus proche de %4x%5)</translation>
    </message>
    <message>
        <source>OpenAI takes no negative prompt: it was left out</source>
        <translation>OpenAI ne prend pas de prompt négatif : il a été omis</translation>
    </message>
    <message>
        <source>OpenAI answered without an image</source>
        <translation>OpenAI a répondu sans image</translation>
    </message>
</context>
<context>
    <name>easel::OutputPlan</name>
    <message>
        <source>Cannot create the folder '%1'</source>
        <translation>Impossible de créer le dossier '%1'</translation>
    </message>
</context>
<context>
    <name>easel::PromptEditor</name>
    <message>
        <source>Increase Weight</source>
        <translation>Augmenter le poids</translation>
    </message>
    <message>
        <source>Decrease Weight</source>
        <translation>Diminuer le poids</translation>
    </message>
    <message>
        <source>CLIP reads a prompt in chunks of 75 tokens. A mark in the text shows where each chunk ends; BREAK starts a new one.</source>
        <translation>CLIP lit un prompt par blocs de 75 tokens. Une marque dans le texte montre où finit chaque bloc ; BREAK en commence un nouveau.</translation>
    </message>
    <message>
        <source>Counting tokens…</source>
        <translation>Comptage des tokens…</translation>
    </message>
    <message>
        <source>No token count</source>
        <translation>Pas de comptage des tokens</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Plain prompts are one chunk of 75 tokens: the text encoder ignores the rest.</source>
        <translation>Les prompts simples font un bloc de 75 tokens : l'encodeur de texte ignore le reste.</translation>
    </message>
    <message>
        <source>1 token ignored</source>
        <translation>1 token ignoré</translation>
    </message>
    <message numerus="yes">
        <source>%n tokens ignored</source>
        <translation><numerusform>%n token ignoré</numerusform><numerusform>%n tokens ignorés</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%1 / %2 · %n chunks: %3</source>
        <translation><numerusform>%1 / %2 · %n bloc : %3</numerusform><numerusform>%1 / %2 · %n blocs : %3</numerusform></translation>
    </message>
</context>
<context>
    <name>easel::PromptList</name>
    <message>
        <source>%1: cannot read: %2</source>
        <translation>%1 : lecture impossible : %2</translation>
    </message>
    <message>
        <source>the top level must be an object with a 'prompts' array or an array of prompt entries</source>
        <translation>le niveau supérieur doit être un objet avec un tableau 'prompts' ou un tableau d'entrées de prompt</translation>
    </message>
    <message>
        <source>not valid JSON at offset %1: %2</source>
        <translation>JSON non valide à la position %1 : %2</translation>
    </message>
    <message>
        <source>'video_name' must be a string</source>
        <translation>'video_name' doit être une chaîne de caractères</translation>
    </message>
    <message>
        <source>'prompts' is missing</source>
        <translation>'prompts' manque</translation>
    </message>
    <message>
        <source>'prompts' must be an array</source>
        <translation>'prompts' doit être un tableau</translation>
    </message>
    <message>
        <source>the prompt list is empty</source>
        <translation>la liste de prompts est vide</translation>
    </message>
    <message>
        <source>entry %1: %2</source>
        <translation>entrée %1 : %2</translation>
    </message>
    <message>
        <source>must be an object</source>
        <translation>doit être un objet</translation>
    </message>
    <message>
        <source>'prompt' is missing</source>
        <translation>'prompt' manque</translation>
    </message>
    <message>
        <source>'prompt' must be a string</source>
        <translation>'prompt' doit être une chaîne de caractères</translation>
    </message>
    <message>
        <source>'prompt' is empty</source>
        <translation>'prompt' est vide</translation>
    </message>
    <message>
        <source>'timestamp' is missing</source>
        <translation>'timestamp' manque</translation>
    </message>
    <message>
        <source>'timestamp' must be a non-negative number</source>
        <translation>'timestamp' doit être un nombre positif ou nul</translation>
    </message>
    <message>
        <source>'timestamp' must be at most %1 seconds</source>
        <translation>'timestamp' doit valoir au plus %1 secondes</translation>
    </message>
    <message>
        <source>'timestamp' %1 duplicates entry %2 (both are %3)</source>
        <translation>'timestamp' %1 répète l'entrée %2 (les deux valent %3)</translation>
    </message>
    <message>
        <source>'negative_prompt' must be a string</source>
        <translation>'negative_prompt' doit être une chaîne de caractères</translation>
    </message>
    <message>
        <source>'seed' must be an integer</source>
        <translation>'seed' doit être un entier</translation>
    </message>
    <message>
        <source>'seed' must be from 0 to %1</source>
        <translation>'seed' doit être entre 0 et %1</translation>
    </message>
    <message>
        <source>'backend' must be one of local, comfyui, openai, stability</source>
        <translation>'backend' doit être local, comfyui, openai ou stability</translation>
    </message>
    <message>
        <source>'fallback' must be a list of engines</source>
        <translation>'fallback' doit être une liste de moteurs</translation>
    </message>
    <message>
        <source>'fallback' may name local only last</source>
        <translation>'fallback' ne peut nommer local qu'en dernier</translation>
    </message>
</context>
<context>
    <name>easel::PromptTokenCounter</name>
    <message>
        <source>the emphasis weight '%1' is not a number</source>
        <translation>le poids '%1' n'est pas un nombre</translation>
    </message>
    <message>
        <source>the emphasis weights and brackets multiply to a weight too large to use</source>
        <translation>les poids et les parenthèses se multiplient en un poids trop grand</translation>
    </message>
</context>
<context>
    <name>easel::QualityBadge</name>
    <message>
        <source>broken (NaN)</source>
        <translation>cassée (NaN)</translation>
    </message>
    <message>
        <source>nearly black</source>
        <translation>presque noire</translation>
    </message>
    <message>
        <source>nearly white</source>
        <translation>presque blanche</translation>
    </message>
    <message>
        <source>uniform</source>
        <translation>uniforme</translation>
    </message>
    <message>
        <source>Flagged by the quality check: %1</source>
        <translation>Signalée par le contrôle de qualité : %1</translation>
    </message>
</context>
<context>
    <name>easel::QueueModel</name>
    <message numerus="yes">
        <source>%n image(s)</source>
        <translation><numerusform>%n image</numerusform><numerusform>%n images</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) flagged</source>
        <translation><numerusform>%n image signalée</numerusform><numerusform>%n images signalées</numerusform></translation>
    </message>
</context>
<context>
    <name>easel::QueuePanel</name>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Cancel the selected job (a running one stops at its next step)</source>
        <translation>Annuler la tâche sélectionnée (une tâche en cours s'arrête à l'étape suivante)</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Relancer</translation>
    </message>
    <message>
        <source>Queue the selected job again</source>
        <translation>Remettre la tâche sélectionnée en file</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Dupliquer</translation>
    </message>
    <message>
        <source>Queue a copy of the selected job</source>
        <translation>Mettre en file une copie de la tâche sélectionnée</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Remove the selected finished job from the list (its images stay)</source>
        <translation>Retirer de la liste la tâche terminée sélectionnée (ses images restent)</translation>
    </message>
    <message>
        <source>Pause after current</source>
        <translation>Pause après la tâche</translation>
    </message>
    <message>
        <source>Let the running job finish, then start no other until resumed</source>
        <translation>Laisser finir la tâche en cours, puis n'en démarrer aucune autre jusqu'à la reprise</translation>
    </message>
</context>
<context>
    <name>easel::QueueStore</name>
    <message>
        <source>Interrupted: Easel stopped while this job was running</source>
        <translation>Interrompue : Easel s'est arrêté pendant cette tâche</translation>
    </message>
    <message>
        <source>The queue %1 can only be restored into an empty queue</source>
        <translation>La file d'attente %1 ne peut être restaurée que dans une file vide</translation>
    </message>
    <message>
        <source>Cannot create the folder of the queue %1</source>
        <translation>Impossible de créer le dossier de la file d'attente %1</translation>
    </message>
    <message>
        <source>Cannot read the queue %1: %2</source>
        <translation>Impossible de lire la file d'attente %1 : %2</translation>
    </message>
    <message>
        <source>The queue %1 was written by a newer version of Easel (schema %2)</source>
        <translation>La file d'attente %1 a été écrite par une version plus récente d'Easel (schéma %2)</translation>
    </message>
    <message>
        <source>%1 is not a queue database of Easel</source>
        <translation>%1 n'est pas une base de file d'attente d'Easel</translation>
    </message>
    <message>
        <source>Cannot create the queue %1: the folder is read-only</source>
        <translation>Impossible de créer la file d'attente %1 : le dossier est en lecture seule</translation>
    </message>
    <message>
        <source>Cannot create the queue %1: %2</source>
        <translation>Impossible de créer la file d'attente %1 : %2</translation>
    </message>
    <message>
        <source>unknown state '%1'</source>
        <translation>état inconnu '%1'</translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation>pas un objet JSON</translation>
    </message>
    <message>
        <source>unreadable job</source>
        <translation>tâche illisible</translation>
    </message>
    <message>
        <source>Queue %1: job %2 cannot be read (%3); it is kept in the file but not in the queue</source>
        <translation>File d'attente %1 : la tâche %2 est illisible (%3) ; elle reste dans le fichier mais pas dans la file</translation>
    </message>
    <message>
        <source>The queue %1 is read-only: changes to the queue are not saved</source>
        <translation>La file d'attente %1 est en lecture seule : ses modifications ne sont pas enregistrées</translation>
    </message>
    <message>
        <source>Cannot save the queue in %1: %2</source>
        <translation>Impossible d'enregistrer la file d'attente dans %1 : %2</translation>
    </message>
    <message>
        <source>Interrupted: Easel was closed while this job was running</source>
        <translation>Interrompue : Easel a été fermé pendant cette tâche</translation>
    </message>
    <message>
        <source>not a queue database of Easel</source>
        <translation>pas une base de file d'attente d'Easel</translation>
    </message>
</context>
<context>
    <name>easel::RecipePanel</name>
    <message>
        <source>Model's own</source>
        <translation>Du modèle</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Describe the image: a lighthouse on a cliff at dusk, (storm clouds:1.2)...</source>
        <translation>Décrivez l'image : un phare sur une falaise au crépuscule, (nuages d'orage:1.2)...</translation>
    </message>
    <message>
        <source>What to avoid: blurry, watermark...</source>
        <translation>À éviter : flou, filigrane...</translation>
    </message>
    <message>
        <source>&amp;Prompt</source>
        <translation>&amp;Prompt</translation>
    </message>
    <message>
        <source>&amp;Negative prompt</source>
        <translation>Prompt &amp;négatif</translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation>&amp;Modèle</translation>
    </message>
    <message>
        <source>Add...</source>
        <translation>Ajouter...</translation>
    </message>
    <message>
        <source>Add a checkpoint file or a diffusers folder</source>
        <translation>Ajouter un fichier checkpoint ou un dossier diffusers</translation>
    </message>
    <message>
        <source>Sampling</source>
        <translation>Échantillonnage</translation>
    </message>
    <message>
        <source>Model's default</source>
        <translation>Du modèle</translation>
    </message>
    <message>
        <source>Sampler's own</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>Karras</source>
        <translation>Karras</translation>
    </message>
    <message>
        <source>Leading</source>
        <translation>Leading</translation>
    </message>
    <message>
        <source>Trailing</source>
        <translation>Trailing</translation>
    </message>
    <message>
        <source>Linspace</source>
        <translation>Linspace</translation>
    </message>
    <message>
        <source>How closely the image follows the prompt (1 or less: no negative prompt pass)</source>
        <translation>À quel point l'image suit le prompt (1 ou moins : pas de passe pour le prompt négatif)</translation>
    </message>
    <message>
        <source>S&amp;ampler</source>
        <translation>É&amp;chantillonneur</translation>
    </message>
    <message>
        <source>Sc&amp;hedule</source>
        <translation>Plan&amp;ification</translation>
    </message>
    <message>
        <source>Spa&amp;cing</source>
        <translation>E&amp;spacement</translation>
    </message>
    <message>
        <source>S&amp;teps</source>
        <translation>É&amp;tapes</translation>
    </message>
    <message>
        <source>&amp;Guidance</source>
        <translation>Éc&amp;helle CFG</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>Aspect preset...</source>
        <translation>Format d'image...</translation>
    </message>
    <message>
        <source>Images made together in one pass</source>
        <translation>Images créées ensemble en une passe</translation>
    </message>
    <message>
        <source>Passes, one after another</source>
        <translation>Passes, l'une après l'autre</translation>
    </message>
    <message>
        <source>&amp;Width</source>
        <translation>&amp;Largeur</translation>
    </message>
    <message>
        <source>H&amp;eight</source>
        <translation>Ha&amp;uteur</translation>
    </message>
    <message>
        <source>&amp;Batch size</source>
        <translation>Taille du l&amp;ot</translation>
    </message>
    <message>
        <source>Batch c&amp;ount</source>
        <translation>Nom&amp;bre de lots</translation>
    </message>
    <message>
        <source>Locked: every Generate uses this seed. Unlocked: each Generate draws a new one.</source>
        <translation>Verrouillée : chaque génération utilise cette graine. Déverrouillée : chaque génération en tire une nouvelle.</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Fixe</translation>
    </message>
    <message>
        <source>Random</source>
        <translation>Aléatoire</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Nouvelle</translation>
    </message>
    <message>
        <source>Draw a new random seed now</source>
        <translation>Tirer une nouvelle graine aléatoire maintenant</translation>
    </message>
    <message>
        <source>See&amp;d</source>
        <translation>G&amp;raine</translation>
    </message>
    <message>
        <source>Start from an image</source>
        <translation>Partir d'une image</translation>
    </message>
    <message>
        <source>How much of the source image is redrawn (1: all of it)</source>
        <translation>Quelle part de l'image source est redessinée (1 : toute)</translation>
    </message>
    <message>
        <source>St&amp;rength</source>
        <translation>Forc&amp;e</translation>
    </message>
    <message>
        <source>Style</source>
        <translation>Style d'image</translation>
    </message>
    <message>
        <source>A style adds its words to the prompt, its negative prompt and LoRAs, and may set the sampler, steps, guidance and size</source>
        <translation>Un style ajoute ses mots au prompt, son prompt négatif et ses LoRA, et peut fixer l'échantillonneur, les étapes, l'échelle CFG et la taille</translation>
    </message>
    <message>
        <source>Prompt used: %1</source>
        <translation>Prompt utilisé : %1</translation>
    </message>
    <message>
        <source>Negative prompt used: %1</source>
        <translation>Prompt négatif utilisé : %1</translation>
    </message>
    <message>
        <source>Fast</source>
        <translation>Rapide</translation>
    </message>
    <message>
        <source>Few-step settings, as easel-cli --preset fast: with an LCM LoRA on the stack the LCM sampler, 4 steps, guidance 1; otherwise SDXL-Turbo's Euler a, trailing spacing, 1 step, guidance 0</source>
        <translation>Réglages en peu d'étapes, comme easel-cli --preset fast : avec un LoRA LCM dans la pile, l'échantillonneur LCM, 4 étapes, échelle CFG 1 ; sinon ceux de SDXL-Turbo : Euler a, espacement Trailing, 1 étape, échelle CFG 0</translation>
    </message>
    <message>
        <source>Grow the painted mask by this many pixels before use (negative: shrink it)</source>
        <translation>Agrandir le masque peint de ce nombre de pixels avant usage (négatif : le réduire)</translation>
    </message>
    <message>
        <source>Soften the mask's edge: a Gaussian blur of this many pixels, so the repainted area blends in</source>
        <translation>Adoucir le bord du masque : un flou gaussien de ce nombre de pixels, pour que la zone redessinée se fonde dans l'image</translation>
    </message>
    <message>
        <source>Mask blur</source>
        <translation>Flou du masque</translation>
    </message>
    <message>
        <source>Mask grow</source>
        <translation>Extension du masque</translation>
    </message>
    <message>
        <source>LoRAs</source>
        <translation>Pile de LoRA</translation>
    </message>
    <message>
        <source>sampler %1 → %2</source>
        <translation>échantillonneur %1 → %2</translation>
    </message>
    <message>
        <source>spacing %1 → %2</source>
        <translation>espacement %1 → %2</translation>
    </message>
    <message>
        <source>steps %1 → %2</source>
        <translation>étapes %1 → %2</translation>
    </message>
    <message>
        <source>guidance %1 → %2</source>
        <translation>échelle CFG %1 → %2</translation>
    </message>
    <message>
        <source>these settings were already set</source>
        <translation>ces réglages étaient déjà en place</translation>
    </message>
    <message>
        <source>Fast preset for an LCM LoRA: %1.</source>
        <translation>Préréglage rapide pour un LoRA LCM : %1.</translation>
    </message>
    <message>
        <source>Fast preset for SDXL-Turbo: %1.</source>
        <translation>Préréglage rapide pour SDXL-Turbo : %1.</translation>
    </message>
    <message>
        <source>These settings suit SDXL-Turbo; for another model put an LCM LoRA on the stack first, then press Fast again.</source>
        <translation>Ces réglages conviennent à SDXL-Turbo ; pour un autre modèle, mettez d'abord un LoRA LCM dans la pile, puis appuyez de nouveau sur Rapide.</translation>
    </message>
    <message>
        <source>The chosen engine ignores this</source>
        <translation>Le moteur choisi l'ignore</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Désactivé</translation>
    </message>
    <message>
        <source>Step caching: every Nth step runs the whole model and the steps between reuse its deep features. Faster, with a little less detail; 2 to 5 are useful</source>
        <translation>Cache des étapes : une étape sur N calcule tout le modèle, les étapes intermédiaires réutilisent ses caractéristiques profondes. Plus rapide, avec un peu moins de détails ; 2 à 5 sont utiles</translation>
    </message>
    <message>
        <source>Step cache</source>
        <translation>Cache des étapes</translation>
    </message>
    <message>
        <source>Token merging: this share of the image's tokens is merged with similar neighbours before the self-attention of the model's finest blocks. Faster on large images, slightly different ones; 0.3 to 0.5 are useful</source>
        <translation>Fusion de jetons : cette part des jetons de l'image est fusionnée avec des voisins semblables avant l'auto-attention des blocs les plus fins du modèle. Plus rapide sur les grandes images, légèrement différentes ; 0,3 à 0,5 sont utiles</translation>
    </message>
    <message>
        <source>Token merging</source>
        <translation>Fusion de jetons</translation>
    </message>
</context>
<context>
    <name>easel::RemoteGenerationJob</name>
    <message>
        <source>unknown backend '%1' (known: %2)</source>
        <translation>backend inconnu « %1 » (connus : %2)</translation>
    </message>
    <message>
        <source>the local engine runs generation jobs, not remote ones</source>
        <translation>le moteur local exécute les tâches de génération, pas les tâches distantes</translation>
    </message>
    <message>
        <source>the local engine can only be the last fallback</source>
        <translation>le moteur local ne peut être que le dernier repli</translation>
    </message>
    <message>
        <source>no output file or folder given</source>
        <translation>aucun fichier ni dossier de sortie indiqué</translation>
    </message>
    <message>
        <source>%1 sent an image Easel cannot read (%2)</source>
        <translation>%1 a envoyé une image qu'Easel ne sait pas lire (%2)</translation>
    </message>
    <message>
        <source>the backend sent no image Easel can read</source>
        <translation>le backend n'a envoyé aucune image qu'Easel sache lire</translation>
    </message>
    <message>
        <source>estimated cost $%1 (price table of %2)</source>
        <translation>coût estimé %1 $ (grille de prix de %2)</translation>
    </message>
    <message>
        <source>falling back to the local engine: %1</source>
        <translation>repli sur le moteur local : %1</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>annulé</translation>
    </message>
    <message>
        <source>a workflow template is for ComfyUI, not %1</source>
        <translation>un modèle de workflow est pour ComfyUI, pas pour %1</translation>
    </message>
    <message>
        <source>the workflow template %1 has no {{image}} slot for the start image</source>
        <translation>le modèle de workflow %1 n'a pas d'emplacement {{image}} pour l'image de départ</translation>
    </message>
</context>
<context>
    <name>easel::Rows</name>
    <message>
        <source>Gallery index %1: %2</source>
        <translation>Index de la galerie %1 : %2</translation>
    </message>
</context>
<context>
    <name>easel::SettingsDialog</name>
    <message>
        <source>Browse...</source>
        <translation>Parcourir...</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>Folders</source>
        <translation>Dossiers</translation>
    </message>
    <message>
        <source>Models:</source>
        <translation>Modèles :</translation>
    </message>
    <message>
        <source>Images:</source>
        <translation>Images :</translation>
    </message>
    <message>
        <source>Where Easel looks for models and saves the ones it downloads.</source>
        <translation>Où Easel cherche les modèles et enregistre ceux qu'il télécharge.</translation>
    </message>
    <message>
        <source>Where the images you make are saved.</source>
        <translation>Où sont enregistrées les images que vous créez.</translation>
    </message>
    <message>
        <source>Engine</source>
        <translation>Moteur</translation>
    </message>
    <message>
        <source>Automatic (the GPU here)</source>
        <translation>Automatique (ici le GPU)</translation>
    </message>
    <message>
        <source>Automatic (the CPU here)</source>
        <translation>Automatique (ici le CPU)</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>GPU (CUDA)</source>
        <translation>GPU (CUDA)</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>Périphérique :</translation>
    </message>
    <message>
        <source>One per core (%1)</source>
        <translation>Un par cœur (%1)</translation>
    </message>
    <message>
        <source>CPU threads the engine computes with.</source>
        <translation>Threads CPU avec lesquels le moteur calcule.</translation>
    </message>
    <message>
        <source>CPU threads:</source>
        <translation>Threads CPU :</translation>
    </message>
    <message>
        <source>Automatic (%1 here)</source>
        <translation>Automatique (ici %1)</translation>
    </message>
    <message>
        <source>fp32: exact, slowest</source>
        <translation>fp32 : exact, le plus lent</translation>
    </message>
    <message>
        <source>fp16: for GPUs</source>
        <translation>fp16 : pour les GPU</translation>
    </message>
    <message>
        <source>bf16: for GPUs and CPUs with native bf16</source>
        <translation>bf16 : pour les GPU et les CPU avec bf16 natif</translation>
    </message>
    <message>
        <source>Precision:</source>
        <translation>Précision :</translation>
    </message>
    <message>
        <source>Live previews</source>
        <translation>Aperçus en direct</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Aucun</translation>
    </message>
    <message>
        <source>Approximate: nearly free, small</source>
        <translation>Approximatif : presque gratuit, petit</translation>
    </message>
    <message>
        <source>TAESD: full size, needs its decoder</source>
        <translation>TAESD : taille réelle, nécessite son décodeur</translation>
    </message>
    <message>
        <source>Previews:</source>
        <translation>Aperçus :</translation>
    </message>
    <message>
        <source> step(s)</source>
        <translation> étape(s)</translation>
    </message>
    <message>
        <source>Every:</source>
        <translation>Intervalle :</translation>
    </message>
    <message>
        <source>TAESD decoder:</source>
        <translation>Décodeur TAESD :</translation>
    </message>
    <message>
        <source>the downloaded decoder for the model's family</source>
        <translation>le décodeur téléchargé pour la famille du modèle</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Apparence</translation>
    </message>
    <message>
        <source>System</source>
        <translation>Système</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Clair</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Sombre</translation>
    </message>
    <message>
        <source>Theme:</source>
        <translation>Thème :</translation>
    </message>
    <message>
        <source>Models folder</source>
        <translation>Dossier des modèles</translation>
    </message>
    <message>
        <source>Images folder</source>
        <translation>Dossier des images</translation>
    </message>
    <message>
        <source>TAESD decoder</source>
        <translation>Décodeur TAESD</translation>
    </message>
    <message>
        <source>TAESD decoders (*.safetensors)</source>
        <translation>Décodeurs TAESD (*.safetensors)</translation>
    </message>
    <message>
        <source>Retry a flagged image once with a new seed</source>
        <translation>Refaire une fois une image signalée avec une nouvelle graine</translation>
    </message>
    <message>
        <source>An image that comes out broken, nearly black, nearly white or uniform is made once more with the next unused seed (the run's last seed + 1, then + 2...). The flagged image is kept; the new one records which image it retries. A retry is never retried.</source>
        <translation>Une image qui sort cassée, presque noire, presque blanche ou uniforme est refaite une fois avec la graine suivante inutilisée (la dernière graine de la série + 1, puis + 2…). L'image signalée est conservée ; la nouvelle indique quelle image elle refait. Une image refaite ne l'est jamais une seconde fois.</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Général</translation>
    </message>
    <message>
        <source>Other engines</source>
        <translation>Autres moteurs</translation>
    </message>
</context>
<context>
    <name>easel::ShotCardDelegate</name>
    <message>
        <source>Not rendered</source>
        <translation>Pas encore rendu</translation>
    </message>
    <message>
        <source>Stale</source>
        <translation>Périmé</translation>
    </message>
    <message numerus="yes">
        <source>%n take(s)</source>
        <translation><numerusform>%n prise</numerusform><numerusform>%n prises</numerusform></translation>
    </message>
    <message>
        <source>%1 · %2 s</source>
        <translation>%1 · %2 s</translation>
    </message>
</context>
<context>
    <name>easel::ShotEditor</name>
    <message>
        <source>Shot %1</source>
        <translation>Plan %1</translation>
    </message>
    <message>
        <source>Character</source>
        <translation>Personnage</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(aucun)</translation>
    </message>
    <message>
        <source>Width:height of the keyframe</source>
        <translation>Largeur:hauteur de l'image clé</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>D&amp;uration:</source>
        <translation>D&amp;urée :</translation>
    </message>
    <message>
        <source>Take %1</source>
        <translation>Prise %1</translation>
    </message>
    <message>
        <source>The take selected here is the shot's keyframe</source>
        <translation>La prise choisie ici est l'image clé du plan</translation>
    </message>
    <message>
        <source>Shot &amp;type:</source>
        <translation>&amp;Type de plan :</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Description :</translation>
    </message>
    <message>
        <source>&amp;Style:</source>
        <translation>&amp;Style :</translation>
    </message>
    <message>
        <source>&amp;Lighting:</source>
        <translation>É&amp;clairage :</translation>
    </message>
    <message>
        <source>&amp;Camera angle:</source>
        <translation>&amp;Angle de caméra :</translation>
    </message>
    <message>
        <source>&amp;Mood:</source>
        <translation>A&amp;mbiance :</translation>
    </message>
    <message>
        <source>C&amp;haracters:</source>
        <translation>P&amp;ersonnages :</translation>
    </message>
    <message>
        <source>&amp;Variant:</source>
        <translation>&amp;Variante :</translation>
    </message>
    <message>
        <source>L&amp;ocation:</source>
        <translation>&amp;Lieu :</translation>
    </message>
    <message>
        <source>&amp;Aspect ratio:</source>
        <translation>&amp;Format :</translation>
    </message>
    <message>
        <source>T&amp;imestamp:</source>
        <translation>&amp;Horodatage :</translation>
    </message>
    <message>
        <source>Ta&amp;kes:</source>
        <translation>Pr&amp;ises :</translation>
    </message>
    <message>
        <source>Built prompt</source>
        <translation>Prompt construit</translation>
    </message>
    <message>
        <source>&amp;Prompt:</source>
        <translation>&amp;Prompt :</translation>
    </message>
    <message>
        <source>&amp;Negative prompt:</source>
        <translation>Prompt &amp;négatif :</translation>
    </message>
    <message>
        <source>A template of the list, or your own words</source>
        <translation>Un modèle de la liste, ou vos propres mots</translation>
    </message>
    <message numerus="yes">
        <source>%n token(s)</source>
        <translation><numerusform>%n jeton</numerusform><numerusform>%n jetons</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n chunk(s) of 75</source>
        <translation><numerusform>%n bloc de 75</numerusform><numerusform>%n blocs de 75</numerusform></translation>
    </message>
    <message>
        <source>This machine (local)</source>
        <translation>Cette machine (local)</translation>
    </message>
    <message>
        <source>ComfyUI servers (comfyui)</source>
        <translation>Serveurs ComfyUI (comfyui)</translation>
    </message>
    <message>
        <source>OpenAI (openai)</source>
        <translation>OpenAI (openai)</translation>
    </message>
    <message>
        <source>Stability AI (stability)</source>
        <translation>Stability AI (stability)</translation>
    </message>
    <message>
        <source>The story's (%1)</source>
        <translation>Celui de l’histoire (%1)</translation>
    </message>
    <message>
        <source>The engine that renders this shot; comfyui@host:port names one ComfyUI server</source>
        <translation>Le moteur qui rend ce plan ; comfyui@hôte:port désigne un serveur ComfyUI</translation>
    </message>
    <message>
        <source>e.g. comfyui, local</source>
        <translation>p. ex. comfyui, local</translation>
    </message>
    <message>
        <source>Engines tried in this order when the engine fails; local only last</source>
        <translation>Moteurs essayés dans cet ordre si le moteur échoue ; local seulement en dernier</translation>
    </message>
    <message>
        <source>&amp;Fallback:</source>
        <translation>&amp;Repli :</translation>
    </message>
    <message>
        <source>&amp;Engine:</source>
        <translation>M&amp;oteur :</translation>
    </message>
</context>
<context>
    <name>easel::ShotListModel</name>
    <message>
        <source>Extreme wide</source>
        <translation>Très grand plan d'ensemble</translation>
    </message>
    <message>
        <source>Wide</source>
        <translation>Plan d'ensemble</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Plan moyen</translation>
    </message>
    <message>
        <source>Medium close-up</source>
        <translation>Plan rapproché</translation>
    </message>
    <message>
        <source>Close-up</source>
        <translation>Gros plan</translation>
    </message>
    <message>
        <source>Extreme close-up</source>
        <translation>Très gros plan</translation>
    </message>
    <message>
        <source>Over the shoulder</source>
        <translation>Par-dessus l'épaule</translation>
    </message>
    <message>
        <source>POV</source>
        <translation>Plan subjectif</translation>
    </message>
    <message>
        <source>Shot %1: %2</source>
        <translation>Plan %1 : %2</translation>
    </message>
    <message>
        <source>%1
(stale: render it again)</source>
        <translation>%1
(périmé : à refaire)</translation>
    </message>
</context>
<context>
    <name>easel::StabilityBackend</name>
    <message>
        <source>Stability AI</source>
        <translation>Stability AI</translation>
    </message>
    <message>
        <source>no API key for Stability AI: set STABILITY_API_KEY or store a key in the system keychain</source>
        <translation>aucune clé d'API pour Stability AI : définissez STABILITY_API_KEY ou enregistrez une clé dans le trousseau du système</translation>
    </message>
    <message>
        <source>Stability AI chooses the size: aspect ratio %1 was asked for</source>
        <translation>Stability AI choisit la taille : le format %1 a été demandé</translation>
    </message>
    <message>
        <source>%1 takes no negative prompt: it was left out</source>
        <translation>%1 ne prend pas de prompt négatif : il a été omis</translation>
    </message>
    <message>
        <source>the image was filtered (finish_reason CONTENT_FILTERED)</source>
        <translation>l'image a été filtrée (finish_reason CONTENT_FILTERED)</translation>
    </message>
    <message>
        <source>Stability AI answered without an image</source>
        <translation>Stability AI a répondu sans image</translation>
    </message>
</context>
<context>
    <name>easel::StoryDocument</name>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>missing '%1'</source>
        <translation>« %1 » manquant</translation>
    </message>
    <message>
        <source>must be a string</source>
        <translation>doit être une chaîne de caractères</translation>
    </message>
    <message>
        <source>must not be empty</source>
        <translation>ne doit pas être vide</translation>
    </message>
    <message>
        <source>must be a number</source>
        <translation>doit être un nombre</translation>
    </message>
    <message>
        <source>must be a whole number</source>
        <translation>doit être un entier</translation>
    </message>
    <message>
        <source>must be true or false</source>
        <translation>doit être true ou false</translation>
    </message>
    <message>
        <source>must be a list</source>
        <translation>doit être une liste</translation>
    </message>
    <message>
        <source>must be an object</source>
        <translation>doit être un objet</translation>
    </message>
    <message>
        <source>may hold only letters, digits, '-', '_' and '.'</source>
        <translation>ne peut contenir que des lettres, des chiffres, '-', '_' et '.'</translation>
    </message>
    <message>
        <source>must be between -4 and 4</source>
        <translation>doit être entre -4 et 4</translation>
    </message>
    <message>
        <source>must be in (0, 1]</source>
        <translation>doit être dans (0, 1]</translation>
    </message>
    <message>
        <source>'%1' is used twice</source>
        <translation>« %1 » est utilisé deux fois</translation>
    </message>
    <message>
        <source>must be W:H, like 16:9</source>
        <translation>doit être L:H, comme 16:9</translation>
    </message>
    <message>
        <source>must not be negative</source>
        <translation>ne doit pas être négatif</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Impossible de lire %1 : %2</translation>
    </message>
    <message>
        <source>the file is too large</source>
        <translation>le fichier est trop volumineux</translation>
    </message>
    <message>
        <source>not JSON (%1 at offset %2)</source>
        <translation>pas du JSON (%1 à la position %2)</translation>
    </message>
    <message>
        <source>not a story (no JSON object)</source>
        <translation>pas une histoire (pas d’objet JSON)</translation>
    </message>
    <message>
        <source>missing (not an Easel story)</source>
        <translation>manquant (pas une histoire Easel)</translation>
    </message>
    <message>
        <source>must be "easel-story"</source>
        <translation>doit être « easel-story »</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>manquant</translation>
    </message>
    <message>
        <source>version %1 is not supported (this Easel reads up to %2)</source>
        <translation>la version %1 n’est pas prise en charge (cet Easel lit jusqu’à %2)</translation>
    </message>
    <message>
        <source>must be between 1 and 500</source>
        <translation>doit être entre 1 et 500</translation>
    </message>
    <message>
        <source>must be between 0 and 4096</source>
        <translation>doit être entre 0 et 4096</translation>
    </message>
    <message>
        <source>unknown character '%1'</source>
        <translation>personnage inconnu « %1 »</translation>
    </message>
    <message>
        <source>unknown location '%1'</source>
        <translation>lieu inconnu « %1 »</translation>
    </message>
    <message>
        <source>unknown variant '%1'</source>
        <translation>variante inconnue « %1 »</translation>
    </message>
    <message>
        <source>must be one of the shot's takes</source>
        <translation>doit être une des prises du plan</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Impossible d'écrire %1 : %2</translation>
    </message>
    <message>
        <source>Not a shot selection: '%1' (use numbers and ranges, like 1-5,8)</source>
        <translation>Sélection de plans invalide : « %1 » (utilisez des numéros et des plages, comme 1-5,8)</translation>
    </message>
    <message>
        <source>The story has no shot %1</source>
        <translation>L’histoire n’a pas de plan %1</translation>
    </message>
    <message>
        <source>must be one of local, comfyui, openai, stability</source>
        <translation>doit être local, comfyui, openai ou stability</translation>
    </message>
    <message>
        <source>may name local only last</source>
        <translation>ne peut nommer local qu'en dernier</translation>
    </message>
</context>
<context>
    <name>easel::StoryExport</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Impossible d'écrire %1 : %2</translation>
    </message>
    <message>
        <source>the PDF could not be started</source>
        <translation>le PDF n’a pas pu être commencé</translation>
    </message>
    <message>
        <source>%1 — contact sheet, page %2 of %3</source>
        <translation>%1 — planche contact, page %2 sur %3</translation>
    </message>
    <message>
        <source>no keyframe yet</source>
        <translation>pas encore d’image clé</translation>
    </message>
    <message>
        <source>Shot %1 · %2 · %3 s</source>
        <translation>Plan %1 · %2 · %3 s</translation>
    </message>
    <message>
        <source>shot</source>
        <translation>plan</translation>
    </message>
    <message>
        <source>Cannot create the folder %1</source>
        <translation>Impossible de créer le dossier %1</translation>
    </message>
    <message>
        <source>Shot %1 has no keyframe: not in the frames</source>
        <translation>Le plan %1 n’a pas d’image clé : absent des images</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Impossible de lire %1 : %2</translation>
    </message>
</context>
<context>
    <name>easel::StoryPromptBuilder</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Impossible de lire %1 : %2</translation>
    </message>
    <message>
        <source>not JSON (%1 at offset %2)</source>
        <translation>pas du JSON (%1 à la position %2)</translation>
    </message>
    <message>
        <source>must be an object</source>
        <translation>doit être un objet</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>unknown template kind</source>
        <translation>type de modèle inconnu</translation>
    </message>
    <message>
        <source>must be a list</source>
        <translation>doit être une liste</translation>
    </message>
    <message>
        <source>must be a string</source>
        <translation>doit être une chaîne de caractères</translation>
    </message>
    <message>
        <source>missing 'id'</source>
        <translation>« id » manquant</translation>
    </message>
    <message>
        <source>missing 'prompt'</source>
        <translation>« prompt » manquant</translation>
    </message>
    <message>
        <source>shot</source>
        <translation>plan</translation>
    </message>
    <message>
        <source>style</source>
        <translation>style</translation>
    </message>
    <message>
        <source>%1: one phrase is longer than 75 tokens and takes more than one chunk</source>
        <translation>%1 : une expression dépasse 75 jetons et occupe plus d’un bloc</translation>
    </message>
    <message>
        <source>%1: left out "%2" to keep the part within 75 tokens</source>
        <translation>%1 : « %2 » omis pour que la partie tienne en 75 jetons</translation>
    </message>
</context>
<context>
    <name>easel::StoryRender</name>
    <message>
        <source>Takes must be between 1 and 100, not %1</source>
        <translation>Les prises doivent être entre 1 et 100, pas %1</translation>
    </message>
    <message>
        <source>The story has no shot '%1'</source>
        <translation>L’histoire n’a pas de plan « %1 »</translation>
    </message>
    <message>
        <source>Shot %1: %2</source>
        <translation>Plan %1 : %2</translation>
    </message>
</context>
<context>
    <name>easel::StoryboardPanel</name>
    <message>
        <source>&amp;New Story</source>
        <translation>&amp;Nouvelle histoire</translation>
    </message>
    <message>
        <source>Start an empty story board</source>
        <translation>Commencer un storyboard vide</translation>
    </message>
    <message>
        <source>Open S&amp;tory...</source>
        <translation>Ouvrir une &amp;histoire...</translation>
    </message>
    <message>
        <source>Open a story board file (.json)</source>
        <translation>Ouvrir un fichier de storyboard (.json)</translation>
    </message>
    <message>
        <source>Sa&amp;ve Story</source>
        <translation>Enre&amp;gistrer l'histoire</translation>
    </message>
    <message>
        <source>Save the story (Ctrl+S in the storyboard)</source>
        <translation>Enregistrer l'histoire (Ctrl+S dans le storyboard)</translation>
    </message>
    <message>
        <source>Save Story &amp;As...</source>
        <translation>Enregistrer l'histoire &amp;sous...</translation>
    </message>
    <message>
        <source>Save Story</source>
        <translation>Enregistrer l'histoire</translation>
    </message>
    <message>
        <source>Story boards (*.json)</source>
        <translation>Storyboards (*.json)</translation>
    </message>
    <message>
        <source>E&amp;xport Story...</source>
        <translation>E&amp;xporter l'histoire...</translation>
    </message>
    <message>
        <source>Write the keyframes, metadata.json, a contact sheet PDF and a shot list CSV</source>
        <translation>Écrire les images clés, metadata.json, une planche contact PDF et une liste des plans CSV</translation>
    </message>
    <message>
        <source>Render &amp;All</source>
        <translation>Tout &amp;rendre</translation>
    </message>
    <message>
        <source>Queue every shot, with the number of takes beside</source>
        <translation>Mettre chaque plan en file, avec le nombre de prises à côté</translation>
    </message>
    <message>
        <source>Render S&amp;tale</source>
        <translation>Rendre les &amp;périmés</translation>
    </message>
    <message>
        <source>Queue the shots whose characters, location or fields changed</source>
        <translation>Mettre en file les plans dont les personnages, le lieu ou les champs ont changé</translation>
    </message>
    <message>
        <source>Render &amp;Selected</source>
        <translation>Rendre la &amp;sélection</translation>
    </message>
    <message>
        <source>Queue the selected shots (Ctrl+R)</source>
        <translation>Mettre en file les plans sélectionnés (Ctrl+R)</translation>
    </message>
    <message>
        <source>&amp;Re-render Shot</source>
        <translation>&amp;Refaire le plan</translation>
    </message>
    <message>
        <source>Queue the current shot again, with one take</source>
        <translation>Remettre le plan courant en file, avec une prise</translation>
    </message>
    <message>
        <source>&amp;Pick Keyframe...</source>
        <translation>&amp;Choisir l'image clé...</translation>
    </message>
    <message>
        <source>Choose the current shot's keyframe among its takes (Ctrl+K)</source>
        <translation>Choisir l'image clé du plan courant parmi ses prises (Ctrl+K)</translation>
    </message>
    <message>
        <source>&amp;Edit Shot...</source>
        <translation>&amp;Modifier le plan...</translation>
    </message>
    <message>
        <source>Edit the current shot (double-click or Enter on a card)</source>
        <translation>Modifier le plan courant (double-clic ou Entrée sur une carte)</translation>
    </message>
    <message>
        <source>Move Shot &amp;Earlier</source>
        <translation>Plan plus &amp;tôt</translation>
    </message>
    <message>
        <source>Move Shot &amp;Later</source>
        <translation>Plan plus t&amp;ard</translation>
    </message>
    <message>
        <source>Storyboard</source>
        <translation>Storyboard</translation>
    </message>
    <message>
        <source>Ta&amp;kes:</source>
        <translation>Pri&amp;ses :</translation>
    </message>
    <message>
        <source>Images to make of each shot; pick the keyframe among them</source>
        <translation>Images à faire de chaque plan ; l'image clé se choisit parmi elles</translation>
    </message>
    <message>
        <source>Drag a card (or Ctrl+Shift+Left/Right) to reorder; double-click to edit</source>
        <translation>Glisser une carte (ou Ctrl+Maj+Gauche/Droite) pour réordonner ; double-clic pour modifier</translation>
    </message>
    <message>
        <source>C&amp;haracters</source>
        <translation>&amp;Personnages</translation>
    </message>
    <message>
        <source>L&amp;ocations</source>
        <translation>&amp;Lieux</translation>
    </message>
    <message numerus="yes">
        <source>Opened the story %1: %n shot(s)</source>
        <translation><numerusform>Histoire %1 ouverte : %n plan</numerusform><numerusform>Histoire %1 ouverte : %n plans</numerusform></translation>
    </message>
    <message>
        <source>Untitled story</source>
        <translation>Histoire sans titre</translation>
    </message>
    <message>
        <source>Saved the story to %1</source>
        <translation>Histoire enregistrée dans %1</translation>
    </message>
    <message>
        <source>No story open: File &gt; New Story or Open Story...</source>
        <translation>Aucune histoire ouverte : Fichier &gt; Nouvelle histoire ou Ouvrir une histoire...</translation>
    </message>
    <message>
        <source>not saved</source>
        <translation>non enregistrée</translation>
    </message>
    <message>
        <source>%1 (%2)%3</source>
        <translation>%1 (%2)%3</translation>
    </message>
    <message>
        <source>Variants: %1</source>
        <translation>Variantes : %1</translation>
    </message>
    <message>
        <source>No shot to render: every shot is up to date.</source>
        <translation>Aucun plan à rendre : tous sont à jour.</translation>
    </message>
    <message>
        <source>Shot %1, take %2: %3</source>
        <translation>Plan %1, prise %2 : %3</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n keyframe(s), the contact sheet and the shot list to %1</source>
        <translation><numerusform>%n image clé, la planche contact et la liste des plans exportées vers %1</numerusform><numerusform>%n images clés, la planche contact et la liste des plans exportées vers %1</numerusform></translation>
    </message>
    <message>
        <source>Open Story</source>
        <translation>Ouvrir une histoire</translation>
    </message>
    <message>
        <source>Export Story To</source>
        <translation>Exporter l'histoire vers</translation>
    </message>
    <message numerus="yes">
        <source>Removed %n frame(s) of the earlier export that the story no longer has.</source>
        <translation><numerusform>%n image de l’export précédent que l’histoire n’a plus a été supprimée.</numerusform><numerusform>%n images de l’export précédent que l’histoire n’a plus ont été supprimées.</numerusform></translation>
    </message>
    <message>
        <source>Unsaved Story</source>
        <translation>Histoire non enregistrée</translation>
    </message>
    <message>
        <source>The story "%1" has changes that are not saved.</source>
        <translation>L’histoire « %1 » a des modifications non enregistrées.</translation>
    </message>
    <message>
        <source>Save them before going on?</source>
        <translation>Les enregistrer avant de continuer ?</translation>
    </message>
</context>
<context>
    <name>easel::StyleLibrary</name>
    <message>
        <source>'%1' %2</source>
        <translation>'%1' %2</translation>
    </message>
    <message>
        <source>must be a string</source>
        <translation>doit être une chaîne de caractères</translation>
    </message>
    <message>
        <source>must be a multiple of %1 from %2 to %3</source>
        <translation>doit être un multiple de %1 de %2 à %3</translation>
    </message>
    <message>
        <source>must be an integer from %1 to %2</source>
        <translation>doit être un entier de %1 à %2</translation>
    </message>
    <message>
        <source>must be a number from %1 to %2</source>
        <translation>doit être un nombre de %1 à %2</translation>
    </message>
    <message>
        <source>has an unknown value '%1' (one of %2)</source>
        <translation>a une valeur inconnue '%1' (l'une de %2)</translation>
    </message>
    <message>
        <source>must be a list of {file or name, weight} objects</source>
        <translation>doit être une liste d'objets {file ou name, weight}</translation>
    </message>
    <message>
        <source>is missing (a style needs an id or a title)</source>
        <translation>est absent (un style a besoin d'un identifiant ou d'un titre)</translation>
    </message>
    <message>
        <source>must be lowercase letters, digits, '-' and '_'</source>
        <translation>ne doit contenir que des minuscules, des chiffres, '-' et '_'</translation>
    </message>
    <message>
        <source>invalid JSON at character %1: %2</source>
        <translation>JSON invalide au caractère %1 : %2</translation>
    </message>
    <message>
        <source>must be an object</source>
        <translation>doit être un objet</translation>
    </message>
    <message>
        <source>must be a list</source>
        <translation>doit être une liste</translation>
    </message>
    <message>
        <source>style %1: %2</source>
        <translation>style %1 : %2</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Impossible de lire %1 : %2</translation>
    </message>
    <message>
        <source>invalid style id '%1'</source>
        <translation>identifiant de style invalide '%1'</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Impossible d'écrire %1 : %2</translation>
    </message>
    <message>
        <source>must be one of local, comfyui, openai, stability</source>
        <translation>doit être local, comfyui, openai ou stability</translation>
    </message>
    <message>
        <source>must be a list of engines, e.g. ["stability", "local"]</source>
        <translation>doit être une liste de moteurs, p. ex. ["stability", "local"]</translation>
    </message>
    <message>
        <source>may name local only last</source>
        <translation>ne peut nommer local qu'en dernier</translation>
    </message>
</context>
<context>
    <name>easel::StylePicker</name>
    <message>
        <source>Cinematic</source>
        <translation>Cinématographique</translation>
    </message>
    <message>
        <source>Photographic</source>
        <translation>Photographique</translation>
    </message>
    <message>
        <source>Anime</source>
        <translation>Style anime</translation>
    </message>
    <message>
        <source>Watercolor</source>
        <translation>Aquarelle</translation>
    </message>
    <message>
        <source>Comic book</source>
        <translation>Bande dessinée</translation>
    </message>
    <message>
        <source>Pixel art</source>
        <translation>Art pixel</translation>
    </message>
    <message>
        <source>Storyboard sketch</source>
        <translation>Croquis de storyboard</translation>
    </message>
    <message>
        <source>Fantasy illustration</source>
        <translation>Illustration fantasy</translation>
    </message>
    <message>
        <source>No style</source>
        <translation>Aucun style</translation>
    </message>
    <message>
        <source>Negative: %1</source>
        <translation>Négatif : %1</translation>
    </message>
</context>
<context>
    <name>easel::Transaction</name>
    <message>
        <source>Gallery index %1: %2</source>
        <translation>Index de la galerie %1 : %2</translation>
    </message>
</context>
<context>
    <name>easel::Writer</name>
    <message>
        <source>Gallery index %1: %2</source>
        <translation>Index de la galerie %1 : %2</translation>
    </message>
</context>
<context>
    <name>easel::finishing</name>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.bmp *.tif *.tiff)</source>
        <translation>Images (*.png *.jpg *.jpeg *.webp *.bmp *.tif *.tiff)</translation>
    </message>
</context>
<context>
    <name>easel::imaging</name>
    <message>
        <source>The inpainting mask must be an 8-bit grey image</source>
        <translation>Le masque d'inpainting doit être une image en niveaux de gris 8 bits</translation>
    </message>
</context>
<context>
    <name>easel::imaging::exportFile</name>
    <message>
        <source>JPEG has no transparency: transparent parts of %1 are white.</source>
        <translation>Le JPEG n'a pas de transparence : les parties transparentes de %1 sont blanches.</translation>
    </message>
    <message>
        <source>%1: some metadata is too large for JPEG and was left out.</source>
        <translation>%1 : certaines métadonnées sont trop grandes pour le JPEG et ont été omises.</translation>
    </message>
</context>
</TS>