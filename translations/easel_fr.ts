<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>easel</name>
    <message>
        <source>Gallery index %1: %2</source>
        <translation>Index de la galerie %1&#xa0;: %2</translation>
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
        <translation>données fournies, issues d&apos;OpenAI CLIP, Copyright (c) 2021 OpenAI</translation>
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
        <source>the diffusion engine&apos;s tensors</source>
        <translation>les tenseurs du moteur de diffusion</translation>
    </message>
    <message>
        <source>matrix maths under libtorch</source>
        <translation>calcul matriciel sous libtorch</translation>
    </message>
    <message>
        <source>image tools</source>
        <translation>outils d&apos;image</translation>
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
        <source>the gallery database, through Qt&apos;s driver</source>
        <translation>la base de données de la galerie, via le pilote de Qt</translation>
    </message>
    <message>
        <source>About Easel</source>
        <translation>À propos d&apos;Easel</translation>
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
        <source>Easel&apos;s data (demo model, CLIP vocabulary, translations): %1</source>
        <translation>Données d&apos;Easel (modèle de démo, vocabulaire CLIP, traductions)&#xa0;: %1</translation>
    </message>
    <message>
        <source>Your models can live anywhere; models Easel downloads go to %1. Until you choose one, Easel uses its tiny demo model, whose random weights make coloured noise.</source>
        <translation>Vos modèles peuvent se trouver n&apos;importe où&#xa0;; ceux qu&apos;Easel télécharge vont dans %1. Tant que vous n&apos;en choisissez pas, Easel utilise son minuscule modèle de démo, dont les poids aléatoires produisent un bruit coloré.</translation>
    </message>
    <message>
        <source>Licences</source>
        <translation>Licences</translation>
    </message>
    <message>
        <source>Models you download have their own licences: &apos;easel-cli info MODEL&apos; shows a model&apos;s.</source>
        <translation>Les modèles que vous téléchargez ont leur propre licence&#xa0;: &apos;easel-cli info MODELE&apos; affiche celle d&apos;un modèle.</translation>
    </message>
    <message>
        <source>Easel&apos;s licence (MIT)</source>
        <translation>Licence d&apos;Easel (MIT)</translation>
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
        <source>Drawn with a simple font: characters outside ASCII show as &apos;?&apos;</source>
        <translation>Dessiné avec une police simple&#xa0;: les caractères hors ASCII s&apos;affichent comme &apos;?&apos;</translation>
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
        <source>Text height relative to the usual 3% of the image&apos;s shorter side</source>
        <translation>Hauteur du texte par rapport aux 3 % habituels du petit côté de l&apos;image</translation>
    </message>
    <message>
        <source>Write a watermarked copy with the provenance metadata beside the image (queued)</source>
        <translation>Écrire une copie filigranée avec les métadonnées de provenance à côté de l&apos;image (mise en file)</translation>
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
        <translation>Restrictions d&apos;usage</translation>
    </message>
    <message>
        <source>Always written: AI-generated marks (IPTC digital source type in XMP), the model, its licence, the source image and this operation.</source>
        <translation>Toujours écrits&#xa0;: les marques « généré par IA » (type de source numérique IPTC dans XMP), le modèle, sa licence, l&apos;image source et cette opération.</translation>
    </message>
    <message>
        <source>Queued: %1</source>
        <translation>En file&#xa0;: %1</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Enregistré&#xa0;: %1</translation>
    </message>
    <message>
        <source>%1: %2 x %3</source>
        <translation>%1&#xa0;: %2 x %3</translation>
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
        <translation>la licence habituelle de sa famille&#xa0;; le fichier du modèle %1 n&apos;en indique aucune</translation>
    </message>
    <message>
        <source>The image does not say which model made it or under which licence; check where the model came from.</source>
        <translation>L&apos;image n&apos;indique ni le modèle qui l&apos;a créée ni sa licence&#xa0;; vérifiez d&apos;où vient le modèle.</translation>
    </message>
    <message>
        <source>nothing recorded in the image</source>
        <translation>rien d&apos;enregistré dans l&apos;image</translation>
    </message>
    <message>
        <source>recorded in the image</source>
        <translation>enregistrée dans l&apos;image</translation>
    </message>
    <message>
        <source>the usual licence of its family (the model file is not on this machine)</source>
        <translation>la licence habituelle de sa famille (le fichier du modèle n&apos;est pas sur cette machine)</translation>
    </message>
    <message>
        <source>See the licence named above.</source>
        <translation>Voir la licence indiquée ci-dessus.</translation>
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
        <translation>%1 images sur %2 déjà écrites&#xa0;: reprise</translation>
    </message>
    <message>
        <source>cancelled; run it again to resume</source>
        <translation>annulé&#xa0;; relancez-le pour reprendre</translation>
    </message>
</context>
<context>
    <name>easel::BatchMetadata</name>
    <message>
        <source>Cannot write &apos;%1&apos;: %2</source>
        <translation>Impossible d&apos;écrire &apos;%1&apos;&#xa0;: %2</translation>
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
    <name>easel::ComposeJob</name>
    <message>
        <source>Compose: %1 / %2</source>
        <translation>Composition&#xa0;: %1 / %2</translation>
    </message>
    <message>
        <source>%1: the output must be a .png file</source>
        <translation>%1&#xa0;: la sortie doit être un fichier .png</translation>
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
        <translation>Arrête le téléchargement&#xa0;; ce qui est arrivé est conservé, et Reprendre continue à partir de là.</translation>
    </message>
    <message>
        <source>Discard partial download</source>
        <translation>Supprimer le téléchargement partiel</translation>
    </message>
    <message>
        <source>Checking the file&apos;s sha256...</source>
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
        <translation>Décodeur d&apos;aperçu&#xa0;: dessine des aperçus en direct en taille réelle pendant la création d&apos;une image.</translation>
    </message>
    <message>
        <source>Model: makes images.</source>
        <translation>Modèle&#xa0;: crée des images.</translation>
    </message>
    <message>
        <source>Licence: %1. By downloading it you accept its terms.</source>
        <translation>Licence&#xa0;: %1. En le téléchargeant, vous acceptez ses conditions.</translation>
    </message>
    <message>
        <source>From: %1</source>
        <translation>Source&#xa0;: %1</translation>
    </message>
    <message>
        <source>Saved as: %1</source>
        <translation>Enregistré sous&#xa0;: %1</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Reprendre</translation>
    </message>
    <message>
        <source>Not enough free space in %1: %2 needed, %3 free.</source>
        <translation>Pas assez d&apos;espace libre dans %1&#xa0;: %2 nécessaires, %3 libres.</translation>
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
        <translation>Arrêté (%1). %2 conservés&#xa0;: Reprendre continue à partir de là.</translation>
    </message>
    <message>
        <source>Download failed: %1</source>
        <translation>Échec du téléchargement&#xa0;: %1</translation>
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
        <translation>Déposez une image ici, ou choisissez-en une ci-dessus, pour l&apos;améliorer</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Avant</translation>
    </message>
    <message>
        <source>Show the image before the enhancement</source>
        <translation>Afficher l&apos;image avant l&apos;amélioration</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>Partagé</translation>
    </message>
    <message>
        <source>Before on the left, after on the right; drag the divider</source>
        <translation>Avant à gauche, après à droite&#xa0;; faites glisser le séparateur</translation>
    </message>
    <message>
        <source>1 leaves the image as it is; 0 blurs, above 1 sharpens</source>
        <translation>1 laisse l&apos;image telle quelle&#xa0;; 0 la rend floue, au-dessus de 1 plus nette</translation>
    </message>
    <message>
        <source>1 leaves the image as it is; 0 is flat grey</source>
        <translation>1 laisse l&apos;image telle quelle&#xa0;; 0 donne un gris uniforme</translation>
    </message>
    <message>
        <source>1 leaves the image as it is; 0 is black and white</source>
        <translation>1 laisse l&apos;image telle quelle&#xa0;; 0 donne du noir et blanc</translation>
    </message>
    <message>
        <source>1 leaves the image as it is; 0 is black</source>
        <translation>1 laisse l&apos;image telle quelle&#xa0;; 0 donne du noir</translation>
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
        <translation>En file&#xa0;: %1</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Enregistré&#xa0;: %1</translation>
    </message>
    <message>
        <source>%1: %2 x %3</source>
        <translation>%1&#xa0;: %2 x %3</translation>
    </message>
    <message>
        <source>Nothing to apply: every setting leaves the image as it is</source>
        <translation>Rien à appliquer&#xa0;: chaque réglage laisse l&apos;image telle quelle</translation>
    </message>
    <message>
        <source>Enhance the full-size image into a new file beside it (queued)</source>
        <translation>Améliorer l&apos;image en taille réelle dans un nouveau fichier à côté (mise en file)</translation>
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
        <translation>Un PNG est copié tel quel&#xa0;: pixels et tous les blocs de métadonnées (recette, sources, opérations, provenance).</translation>
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
        <translation>
            <numerusform>%n image exportée&#xa0;: %1.</numerusform>
            <numerusform>%n images exportées&#xa0;: %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>easel::FileHash</name>
    <message>
        <source>Cannot read &apos;%1&apos;: %2</source>
        <translation>Impossible de lire &apos;%1&apos;&#xa0;: %2</translation>
    </message>
    <message>
        <source>Hashing &apos;%1&apos; was cancelled</source>
        <translation>Le calcul de l&apos;empreinte de &apos;%1&apos; a été annulé</translation>
    </message>
    <message>
        <source>&apos;%1&apos; does not exist</source>
        <translation>&apos;%1&apos; n&apos;existe pas</translation>
    </message>
    <message>
        <source>&apos;%1&apos; holds no .safetensors weight files</source>
        <translation>&apos;%1&apos; ne contient aucun fichier de poids .safetensors</translation>
    </message>
</context>
<context>
    <name>easel::GalleryIndex</name>
    <message>
        <source>Cannot open the gallery index %1: %2</source>
        <translation>Impossible d&apos;ouvrir l&apos;index de la galerie %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Cannot create the folder of the gallery index %1</source>
        <translation>Impossible de créer le dossier de l&apos;index de la galerie %1</translation>
    </message>
    <message>
        <source>The gallery index %1 is damaged (%2) and cannot be moved aside</source>
        <translation>L&apos;index de la galerie %1 est endommagé (%2) et ne peut pas être mis de côté</translation>
    </message>
    <message>
        <source>Gallery index %1: %2</source>
        <translation>Index de la galerie %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1 is not a folder</source>
        <translation>%1 n&apos;est pas un dossier</translation>
    </message>
    <message>
        <source>%1: no such file</source>
        <translation>%1&#xa0;: fichier introuvable</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Impossible de lire %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1: a rating is 0 to 5, got %2</source>
        <translation>%1&#xa0;: une note va de 0 à 5, pas %2</translation>
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
        <translation>Recherche&#xa0;: mots, model:, seed:, rating:&gt;=4, pick:yes, -mot</translation>
    </message>
    <message>
        <source>Words match the prompt; fields: model:, lora:, sampler:, tag:, seed:, steps:, cfg:&gt;7, size:512x768, date:2026-11, rating:&gt;=4, pick:yes, reject:no; -term excludes</source>
        <translation>Les mots sont cherchés dans le prompt&#xa0;; champs&#xa0;: model:, lora:, sampler:, tag:, seed:, steps:, cfg:&gt;7, size:512x768, date:2026-11, rating:&gt;=4, pick:yes, reject:no&#xa0;; -terme exclut</translation>
    </message>
    <message>
        <source>Cannot create the output folder %1</source>
        <translation>Impossible de créer le dossier de sortie %1</translation>
    </message>
    <message>
        <source>Images: %1</source>
        <translation>Images&#xa0;: %1</translation>
    </message>
    <message>
        <source>Found: %1</source>
        <translation>Trouvées&#xa0;: %1</translation>
    </message>
    <message>
        <source>Cannot move %1 to the trash (%2); it was not deleted</source>
        <translation>Impossible de mettre %1 à la corbeille (%2)&#xa0;; il n&apos;a pas été supprimé</translation>
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
        <source>Fill the recipe panel with this image&apos;s recipe</source>
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
        <translation>%1&#xa0;; la galerie utilise un index temporaire pour l&apos;instant</translation>
    </message>
</context>
<context>
    <name>easel::GalleryQuery</name>
    <message>
        <source>unclosed quote in the search &quot;%1&quot;</source>
        <translation>guillemet non fermé dans la recherche &quot;%1&quot;</translation>
    </message>
    <message>
        <source>%1: expects a number, a comparison (&gt;7, &lt;=20) or a range (5..8), got &quot;%2&quot;</source>
        <translation>%1&#xa0;: attend un nombre, une comparaison (&gt;7, &lt;=20) ou un intervalle (5..8), pas &quot;%2&quot;</translation>
    </message>
    <message>
        <source>date: expects YYYY, YYYY-MM or YYYY-MM-DD, optionally with &gt;, &gt;=, &lt;, &lt;= or A..B, got &quot;%1&quot;</source>
        <translation>date: attend AAAA, AAAA-MM ou AAAA-MM-JJ, éventuellement avec &gt;, &gt;=, &lt;, &lt;= ou A..B, pas &quot;%1&quot;</translation>
    </message>
    <message>
        <source>%1: expects yes or no, got &quot;%2&quot;</source>
        <translation>%1&#xa0;: attend yes ou no, pas &quot;%2&quot;</translation>
    </message>
    <message>
        <source>%1: needs a value</source>
        <translation>%1&#xa0;: nécessite une valeur</translation>
    </message>
    <message>
        <source>size: expects WIDTHxHEIGHT, got &quot;%1&quot;</source>
        <translation>size: attend LARGEURxHAUTEUR, pas &quot;%1&quot;</translation>
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
        <translation>%1&#xa0;: la sortie doit être un fichier .png (il porte la recette)</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>annulé</translation>
    </message>
    <message>
        <source>Previews were approximate: %1</source>
        <translation>Les aperçus étaient approximatifs&#xa0;: %1</translation>
    </message>
    <message>
        <source>%1: has no tensor named &apos;latents&apos;</source>
        <translation>%1&#xa0;: ne contient aucun tenseur nommé &apos;latents&apos;</translation>
    </message>
    <message>
        <source>%1: &apos;latents&apos; must be a float NCHW tensor</source>
        <translation>%1&#xa0;: &apos;latents&apos; doit être un tenseur flottant NCHW</translation>
    </message>
    <message>
        <source>TAESD previews need the %1 decoder: fetch it once (easel-cli fetch %1) or choose its file</source>
        <translation>Les aperçus TAESD nécessitent le décodeur %1&#xa0;: téléchargez-le une fois (easel-cli fetch %1) ou choisissez son fichier</translation>
    </message>
</context>
<context>
    <name>easel::ImageDropArea</name>
    <message>
        <source>Drop an image here (or click to choose one) to start from it: image to image</source>
        <translation>Déposez une image ici (ou cliquez pour en choisir une) pour partir d&apos;elle&#xa0;: image vers image</translation>
    </message>
    <message>
        <source>No source image (text to image)</source>
        <translation>Pas d&apos;image source (texte vers image)</translation>
    </message>
    <message>
        <source>%1 is not a readable image: %2</source>
        <translation>%1 n&apos;est pas une image lisible&#xa0;: %2</translation>
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
        <translation>Impossible de lire %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1&#xa0;: %2</translation>
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
        <source>Guidance must be from %1 to %2, not %3</source>
        <translation>L&apos;échelle CFG doit être entre %1 et %2, pas %3</translation>
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
        <translation>Paramètres A1111&#xa0;: le texte est vide</translation>
    </message>
    <message>
        <source>Easel metadata: &apos;format_version&apos; is missing</source>
        <translation>Métadonnées Easel&#xa0;: &apos;format_version&apos; manque</translation>
    </message>
    <message>
        <source>Easel metadata: &apos;format_version&apos; must be a positive integer</source>
        <translation>Métadonnées Easel&#xa0;: &apos;format_version&apos; doit être un entier positif</translation>
    </message>
    <message>
        <source>Easel metadata: format_version %1 is newer than this Easel reads (%2)</source>
        <translation>Métadonnées Easel&#xa0;: format_version %1 est plus récent que ce que lit cet Easel (%2)</translation>
    </message>
    <message>
        <source>Easel metadata: &apos;prompt&apos; must be a string</source>
        <translation>Métadonnées Easel&#xa0;: &apos;prompt&apos; doit être une chaîne de caractères</translation>
    </message>
    <message>
        <source>Easel metadata: not valid JSON at offset %1: %2</source>
        <translation>Métadonnées Easel&#xa0;: JSON non valide à la position %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Easel metadata: the top level must be an object</source>
        <translation>Métadonnées Easel&#xa0;: le niveau supérieur doit être un objet</translation>
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
        <source>has an unknown value &apos;%1&apos;</source>
        <translation>a une valeur inconnue &apos;%1&apos;</translation>
    </message>
    <message>
        <source>Easel metadata: &apos;%1&apos; %2</source>
        <translation>Métadonnées Easel&#xa0;: &apos;%1&apos; %2</translation>
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
        <source>A1111 parameters: &apos;%1&apos; %2, got &apos;%3&apos;</source>
        <translation>Paramètres A1111&#xa0;: &apos;%1&apos; %2, pas &apos;%3&apos;</translation>
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
        <translation>doit être une liste d&apos;objets {path, weight}</translation>
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
        <translation>%1 nécessite %2 image(s) d&apos;entrée</translation>
    </message>
    <message>
        <source>unknown image tool &apos;%1&apos;</source>
        <translation>outil d&apos;image inconnu &apos;%1&apos;</translation>
    </message>
</context>
<context>
    <name>easel::ImageWriter</name>
    <message>
        <source>cannot save images in %1: %2</source>
        <translation>impossible d&apos;enregistrer des images dans %1&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>easel::Job</name>
    <message>
        <source>unknown kind of job &apos;%1&apos;</source>
        <translation>type de tâche inconnu &apos;%1&apos;</translation>
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
    <name>easel::MainWindow</name>
    <message numerus="yes">
        <source>%n s</source>
        <translation>
            <numerusform>%n s</numerusform>
            <numerusform>%n s</numerusform>
        </translation>
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
        <translation>Ajouter cette recette à la fin de la file d&apos;attente</translation>
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
        <translation>&amp;Ouvrir la recette d&apos;une image...</translation>
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
        <translation>À &amp;propos d&apos;Easel</translation>
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
        <translation>Mettre cette recette en file d&apos;attente (Ctrl+Entrée&#xa0;; Maj+Ctrl+Entrée la place en tête)</translation>
    </message>
    <message>
        <source>Recipe</source>
        <translation>Recette</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>File d&apos;attente</translation>
    </message>
    <message>
        <source>The queue will not be kept after Easel closes: %1</source>
        <translation>La file d&apos;attente ne sera pas conservée après la fermeture d&apos;Easel&#xa0;: %1</translation>
    </message>
    <message>
        <source>Easel stopped while a job was running: that job is marked interrupted and the queue is paused. Retry it or resume the queue when you are ready.</source>
        <translation>Easel s&apos;est arrêté pendant une tâche&#xa0;: cette tâche est marquée comme interrompue et la file d&apos;attente est en pause. Relancez-la ou reprenez la file quand vous êtes prêt.</translation>
    </message>
    <message numerus="yes">
        <source>Queued: %n job(s) waiting</source>
        <translation>
            <numerusform>Ajoutée à la file&#xa0;: %n tâche en attente</numerusform>
            <numerusform>Ajoutée à la file&#xa0;: %n tâches en attente</numerusform>
        </translation>
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
        <translation>Modèle de démo (poids aléatoires&#xa0;: bruit abstrait)</translation>
    </message>
    <message>
        <source>Easel&apos;s tiny bundled model. Its weights are random, so it makes coloured noise: add a real model to make pictures.</source>
        <translation>Le minuscule modèle fourni avec Easel. Ses poids sont aléatoires, il produit donc un bruit coloré&#xa0;: ajoutez un vrai modèle pour créer des images.</translation>
    </message>
    <message>
        <source>%1 does not exist.</source>
        <translation>%1 n&apos;existe pas.</translation>
    </message>
    <message>
        <source>Open an image&apos;s recipe</source>
        <translation>Ouvrir la recette d&apos;une image</translation>
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
        <translation>Démarrage&#xa0;: %1</translation>
    </message>
    <message>
        <source>Sampling: step %1 of %2</source>
        <translation>Échantillonnage&#xa0;: étape %1 sur %2</translation>
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
        <translation>
            <numerusform>%n image enregistrée dans %1</numerusform>
            <numerusform>%n images enregistrées dans %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Write a prompt and press Generate (Ctrl+Enter).
Each step shows here as it forms.</source>
        <translation>Écrivez un prompt et appuyez sur Générer (Ctrl+Entrée).
Chaque étape s&apos;affiche ici pendant que l&apos;image se forme.</translation>
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
        <translation>Le modèle de démo est sélectionné&#xa0;: ses poids sont aléatoires, il produit donc un bruit coloré abstrait. Pour créer des images, ajoutez un vrai modèle (Fichier &gt; Modèles...)&#xa0;: un checkpoint .safetensors Stable Diffusion 1.x, 2.x ou SDXL, ou un dossier diffusers.</translation>
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
</context>
<context>
    <name>easel::MergeCanvas</name>
    <message>
        <source>Drag the figure to move it; turn the wheel to scale it</source>
        <translation>Faites glisser le personnage pour le déplacer&#xa0;; tournez la molette pour le redimensionner</translation>
    </message>
</context>
<context>
    <name>easel::MergePanel</name>
    <message>
        <source>Character: drop an image</source>
        <translation>Personnage&#xa0;: déposez une image</translation>
    </message>
    <message>
        <source>Background: drop an image</source>
        <translation>Arrière-plan&#xa0;: déposez une image</translation>
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
        <source>1: the character&apos;s whole image as tall as the output. Or turn the wheel on the canvas</source>
        <translation>1&#xa0;: toute l&apos;image du personnage aussi haute que la sortie. Ou tournez la molette sur le canevas</translation>
    </message>
    <message>
        <source> x</source>
        <translation> x</translation>
    </message>
    <message>
        <source>How far the figure&apos;s colours move towards the background&apos;s: 0 none, 1 full</source>
        <translation>À quel point les couleurs du personnage se rapprochent de celles de l&apos;arrière-plan&#xa0;: 0 pas du tout, 1 entièrement</translation>
    </message>
    <message>
        <source>Feathering of the figure&apos;s edge in character pixels; auto: about 0.2% of its size</source>
        <translation>Adoucissement du bord du personnage, en pixels du personnage&#xa0;; auto&#xa0;: environ 0,2 % de sa taille</translation>
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
        <translation>En file&#xa0;: %1</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Enregistré&#xa0;: %1</translation>
    </message>
    <message>
        <source>Cutting out %1...</source>
        <translation>Détourage de %1...</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Figure cut out of %1 in %2 ms</source>
        <translation>Personnage détouré de %1 en %2 ms</translation>
    </message>
    <message>
        <source>Merge at full size into a new file beside the character (queued)</source>
        <translation>Fusionner en taille réelle dans un nouveau fichier à côté du personnage (mise en file)</translation>
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
        <translation>cette version de libtorch n&apos;a aucun périphérique CUDA utilisable</translation>
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
        <source>Removes the model from Easel&apos;s list; its files stay where they are.</source>
        <translation>Retire le modèle de la liste d&apos;Easel&#xa0;; ses fichiers restent où ils sont.</translation>
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
        <translation>Dossier des modèles&#xa0;: %1</translation>
    </message>
    <message>
        <source>Bundled</source>
        <translation>Fourni</translation>
    </message>
    <message>
        <source>Demo model (random weights: abstract noise)</source>
        <translation>Modèle de démo (poids aléatoires&#xa0;: bruit abstrait)</translation>
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
        <translation>Easel ne peut pas utiliser ce modèle&#xa0;: %1</translation>
    </message>
    <message>
        <source>Easel&apos;s bundled demo model: the real Stable Diffusion 1.5 architecture with tiny random weights, for trying every part of Easel on any machine. Its pictures are abstract noise; for real pictures, add or download a model.</source>
        <translation>Le modèle de démo fourni avec Easel&#xa0;: la vraie architecture de Stable Diffusion 1.5 avec de minuscules poids aléatoires, pour essayer chaque partie d&apos;Easel sur n&apos;importe quelle machine. Ses images sont du bruit abstrait&#xa0;; pour de vraies images, ajoutez ou téléchargez un modèle.</translation>
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
        <translation>un VAE seul, pas un modèle complet&#xa0;: Easel ne peut pas générer avec lui seul</translation>
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
        <translation>environ %1 pour les poids en %2 sur %3, plus une mémoire de travail qui croît avec la taille de l&apos;image</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Licence</translation>
    </message>
    <message>
        <source>MIT: random weights made for Easel, no use restrictions</source>
        <translation>MIT&#xa0;: poids aléatoires créés pour Easel, aucune restriction d&apos;usage</translation>
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
        <translation>Remarque&#xa0;: %1</translation>
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
        <translation>%1 n&apos;est pas un dossier diffusers&#xa0;: il n&apos;a pas de model_index.json.</translation>
    </message>
</context>
<context>
    <name>easel::OutputPlan</name>
    <message>
        <source>Cannot create the folder &apos;%1&apos;</source>
        <translation>Impossible de créer le dossier &apos;%1&apos;</translation>
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
        <translation>CLIP lit un prompt par blocs de 75 tokens. Une marque dans le texte montre où finit chaque bloc&#xa0;; BREAK en commence un nouveau.</translation>
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
        <translation>Les prompts simples font un bloc de 75 tokens&#xa0;: l&apos;encodeur de texte ignore le reste.</translation>
    </message>
    <message>
        <source>1 token ignored</source>
        <translation>1 token ignoré</translation>
    </message>
    <message numerus="yes">
        <source>%n tokens ignored</source>
        <translation>
            <numerusform>%n token ignoré</numerusform>
            <numerusform>%n tokens ignorés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 / %2 · %n chunks: %3</source>
        <translation>
            <numerusform>%1 / %2 · %n bloc&#xa0;: %3</numerusform>
            <numerusform>%1 / %2 · %n blocs&#xa0;: %3</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>easel::PromptList</name>
    <message>
        <source>%1: cannot read: %2</source>
        <translation>%1&#xa0;: lecture impossible&#xa0;: %2</translation>
    </message>
    <message>
        <source>the top level must be an object with a &apos;prompts&apos; array or an array of prompt entries</source>
        <translation>le niveau supérieur doit être un objet avec un tableau &apos;prompts&apos; ou un tableau d&apos;entrées de prompt</translation>
    </message>
    <message>
        <source>not valid JSON at offset %1: %2</source>
        <translation>JSON non valide à la position %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>&apos;video_name&apos; must be a string</source>
        <translation>&apos;video_name&apos; doit être une chaîne de caractères</translation>
    </message>
    <message>
        <source>&apos;prompts&apos; is missing</source>
        <translation>&apos;prompts&apos; manque</translation>
    </message>
    <message>
        <source>&apos;prompts&apos; must be an array</source>
        <translation>&apos;prompts&apos; doit être un tableau</translation>
    </message>
    <message>
        <source>the prompt list is empty</source>
        <translation>la liste de prompts est vide</translation>
    </message>
    <message>
        <source>entry %1: %2</source>
        <translation>entrée %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>must be an object</source>
        <translation>doit être un objet</translation>
    </message>
    <message>
        <source>&apos;prompt&apos; is missing</source>
        <translation>&apos;prompt&apos; manque</translation>
    </message>
    <message>
        <source>&apos;prompt&apos; must be a string</source>
        <translation>&apos;prompt&apos; doit être une chaîne de caractères</translation>
    </message>
    <message>
        <source>&apos;prompt&apos; is empty</source>
        <translation>&apos;prompt&apos; est vide</translation>
    </message>
    <message>
        <source>&apos;timestamp&apos; is missing</source>
        <translation>&apos;timestamp&apos; manque</translation>
    </message>
    <message>
        <source>&apos;timestamp&apos; must be a non-negative number</source>
        <translation>&apos;timestamp&apos; doit être un nombre positif ou nul</translation>
    </message>
    <message>
        <source>&apos;timestamp&apos; must be at most %1 seconds</source>
        <translation>&apos;timestamp&apos; doit valoir au plus %1 secondes</translation>
    </message>
    <message>
        <source>&apos;timestamp&apos; %1 duplicates entry %2 (both are %3)</source>
        <translation>&apos;timestamp&apos; %1 répète l&apos;entrée %2 (les deux valent %3)</translation>
    </message>
    <message>
        <source>&apos;negative_prompt&apos; must be a string</source>
        <translation>&apos;negative_prompt&apos; doit être une chaîne de caractères</translation>
    </message>
    <message>
        <source>&apos;seed&apos; must be an integer</source>
        <translation>&apos;seed&apos; doit être un entier</translation>
    </message>
    <message>
        <source>&apos;seed&apos; must be from 0 to %1</source>
        <translation>&apos;seed&apos; doit être entre 0 et %1</translation>
    </message>
</context>
<context>
    <name>easel::PromptTokenCounter</name>
    <message>
        <source>the emphasis weight &apos;%1&apos; is not a number</source>
        <translation>le poids &apos;%1&apos; n&apos;est pas un nombre</translation>
    </message>
</context>
<context>
    <name>easel::QueueModel</name>
    <message numerus="yes">
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n image</numerusform>
            <numerusform>%n images</numerusform>
        </translation>
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
        <translation>Annuler la tâche sélectionnée (une tâche en cours s&apos;arrête à l&apos;étape suivante)</translation>
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
        <translation>Laisser finir la tâche en cours, puis n&apos;en démarrer aucune autre jusqu&apos;à la reprise</translation>
    </message>
</context>
<context>
    <name>easel::QueueStore</name>
    <message>
        <source>Interrupted: Easel stopped while this job was running</source>
        <translation>Interrompue&#xa0;: Easel s&apos;est arrêté pendant cette tâche</translation>
    </message>
    <message>
        <source>The queue %1 can only be restored into an empty queue</source>
        <translation>La file d&apos;attente %1 ne peut être restaurée que dans une file vide</translation>
    </message>
    <message>
        <source>Cannot create the folder of the queue %1</source>
        <translation>Impossible de créer le dossier de la file d&apos;attente %1</translation>
    </message>
    <message>
        <source>Cannot read the queue %1: %2</source>
        <translation>Impossible de lire la file d&apos;attente %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>The queue %1 was written by a newer version of Easel (schema %2)</source>
        <translation>La file d&apos;attente %1 a été écrite par une version plus récente d&apos;Easel (schéma %2)</translation>
    </message>
    <message>
        <source>%1 is not a queue database of Easel</source>
        <translation>%1 n&apos;est pas une base de file d&apos;attente d&apos;Easel</translation>
    </message>
    <message>
        <source>Cannot create the queue %1: the folder is read-only</source>
        <translation>Impossible de créer la file d&apos;attente %1&#xa0;: le dossier est en lecture seule</translation>
    </message>
    <message>
        <source>Cannot create the queue %1: %2</source>
        <translation>Impossible de créer la file d&apos;attente %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>unknown state &apos;%1&apos;</source>
        <translation>état inconnu &apos;%1&apos;</translation>
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
        <translation>File d&apos;attente %1&#xa0;: la tâche %2 est illisible (%3)&#xa0;; elle reste dans le fichier mais pas dans la file</translation>
    </message>
    <message>
        <source>The queue %1 is read-only: changes to the queue are not saved</source>
        <translation>La file d&apos;attente %1 est en lecture seule&#xa0;: ses modifications ne sont pas enregistrées</translation>
    </message>
    <message>
        <source>Cannot save the queue in %1: %2</source>
        <translation>Impossible d&apos;enregistrer la file d&apos;attente dans %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Interrupted: Easel was closed while this job was running</source>
        <translation>Interrompue&#xa0;: Easel a été fermé pendant cette tâche</translation>
    </message>
    <message>
        <source>not a queue database of Easel</source>
        <translation>pas une base de file d&apos;attente d&apos;Easel</translation>
    </message>
</context>
<context>
    <name>easel::RecipePanel</name>
    <message>
        <source>Model&apos;s own</source>
        <translation>Du modèle</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Describe the image: a lighthouse on a cliff at dusk, (storm clouds:1.2)...</source>
        <translation>Décrivez l&apos;image&#xa0;: un phare sur une falaise au crépuscule, (nuages d&apos;orage:1.2)...</translation>
    </message>
    <message>
        <source>What to avoid: blurry, watermark...</source>
        <translation>À éviter&#xa0;: flou, filigrane...</translation>
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
        <source>Model&apos;s default</source>
        <translation>Du modèle</translation>
    </message>
    <message>
        <source>Sampler&apos;s own</source>
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
        <translation>À quel point l&apos;image suit le prompt (1 ou moins&#xa0;: pas de passe pour le prompt négatif)</translation>
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
        <translation>Format d&apos;image...</translation>
    </message>
    <message>
        <source>Images made together in one pass</source>
        <translation>Images créées ensemble en une passe</translation>
    </message>
    <message>
        <source>Passes, one after another</source>
        <translation>Passes, l&apos;une après l&apos;autre</translation>
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
        <translation>Verrouillée&#xa0;: chaque génération utilise cette graine. Déverrouillée&#xa0;: chaque génération en tire une nouvelle.</translation>
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
        <translation>Partir d&apos;une image</translation>
    </message>
    <message>
        <source>How much of the source image is redrawn (1: all of it)</source>
        <translation>Quelle part de l&apos;image source est redessinée (1&#xa0;: toute)</translation>
    </message>
    <message>
        <source>St&amp;rength</source>
        <translation>Forc&amp;e</translation>
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
        <translation>Modèles&#xa0;:</translation>
    </message>
    <message>
        <source>Images:</source>
        <translation>Images&#xa0;:</translation>
    </message>
    <message>
        <source>Where Easel looks for models and saves the ones it downloads.</source>
        <translation>Où Easel cherche les modèles et enregistre ceux qu&apos;il télécharge.</translation>
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
        <translation>Périphérique&#xa0;:</translation>
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
        <translation>Threads CPU&#xa0;:</translation>
    </message>
    <message>
        <source>Automatic (%1 here)</source>
        <translation>Automatique (ici %1)</translation>
    </message>
    <message>
        <source>fp32: exact, slowest</source>
        <translation>fp32&#xa0;: exact, le plus lent</translation>
    </message>
    <message>
        <source>fp16: for GPUs</source>
        <translation>fp16&#xa0;: pour les GPU</translation>
    </message>
    <message>
        <source>bf16: for GPUs and CPUs with native bf16</source>
        <translation>bf16&#xa0;: pour les GPU et les CPU avec bf16 natif</translation>
    </message>
    <message>
        <source>Precision:</source>
        <translation>Précision&#xa0;:</translation>
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
        <translation>Approximatif&#xa0;: presque gratuit, petit</translation>
    </message>
    <message>
        <source>TAESD: full size, needs its decoder</source>
        <translation>TAESD&#xa0;: taille réelle, nécessite son décodeur</translation>
    </message>
    <message>
        <source>Previews:</source>
        <translation>Aperçus&#xa0;:</translation>
    </message>
    <message>
        <source> step(s)</source>
        <translation> étape(s)</translation>
    </message>
    <message>
        <source>Every:</source>
        <translation>Intervalle&#xa0;:</translation>
    </message>
    <message>
        <source>TAESD decoder:</source>
        <translation>Décodeur TAESD&#xa0;:</translation>
    </message>
    <message>
        <source>the downloaded decoder for the model&apos;s family</source>
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
        <translation>Thème&#xa0;:</translation>
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
</context>
<context>
    <name>easel::Transaction</name>
    <message>
        <source>Gallery index %1: %2</source>
        <translation>Index de la galerie %1&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>easel::Writer</name>
    <message>
        <source>Gallery index %1: %2</source>
        <translation>Index de la galerie %1&#xa0;: %2</translation>
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
    <name>easel::imaging::exportFile</name>
    <message>
        <source>JPEG has no transparency: transparent parts of %1 are white.</source>
        <translation>Le JPEG n&apos;a pas de transparence&#xa0;: les parties transparentes de %1 sont blanches.</translation>
    </message>
    <message>
        <source>%1: some metadata is too large for JPEG and was left out.</source>
        <translation>%1&#xa0;: certaines métadonnées sont trop grandes pour le JPEG et ont été omises.</translation>
    </message>
</context>
</TS>
