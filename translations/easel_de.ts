<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>easel</name>
    <message>
        <source>Gallery index %1: %2</source>
        <translation>Galerie-Index %1: %2</translation>
    </message>
</context>
<context>
    <name>easel::AboutDialog</name>
    <message>
        <source>this program</source>
        <translation>dieses Programm</translation>
    </message>
    <message>
        <source>CLIP tokenizer vocabulary (clip/vocab.json, clip/merges.txt)</source>
        <translation>Vokabular des CLIP-Tokenizers (clip/vocab.json, clip/merges.txt)</translation>
    </message>
    <message>
        <source>bundled data, from OpenAI CLIP, Copyright (c) 2021 OpenAI</source>
        <translation>mitgelieferte Daten, aus OpenAI CLIP, Copyright (c) 2021 OpenAI</translation>
    </message>
    <message>
        <source>Tiny demo model (models/tiny-sd15)</source>
        <translation>Winziges Demo-Modell (models/tiny-sd15)</translation>
    </message>
    <message>
        <source>bundled data, random weights made for Easel</source>
        <translation>mitgelieferte Daten, Zufallsgewichte für Easel</translation>
    </message>
    <message>
        <source>windows, files, database, network</source>
        <translation>Fenster, Dateien, Datenbank, Netzwerk</translation>
    </message>
    <message>
        <source>the diffusion engine&apos;s tensors</source>
        <translation>die Tensoren der Diffusions-Engine</translation>
    </message>
    <message>
        <source>matrix maths under libtorch</source>
        <translation>Matrizenrechnung unter libtorch</translation>
    </message>
    <message>
        <source>image tools</source>
        <translation>Bildwerkzeuge</translation>
    </message>
    <message>
        <source>model headers and configs (compiled in)</source>
        <translation>Modell-Header und -Konfigurationen (einkompiliert)</translation>
    </message>
    <message>
        <source>PNG metadata</source>
        <translation>PNG-Metadaten</translation>
    </message>
    <message>
        <source>the gallery database, through Qt&apos;s driver</source>
        <translation>die Galerie-Datenbank, über den Treiber von Qt</translation>
    </message>
    <message>
        <source>About Easel</source>
        <translation>Über Easel</translation>
    </message>
    <message>
        <source>Stable Diffusion on your own machine, offline. Qt %1.</source>
        <translation>Stable Diffusion auf dem eigenen Rechner, offline. Qt %1.</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Dateien</translation>
    </message>
    <message>
        <source>Easel&apos;s data (demo model, CLIP vocabulary, translations): %1</source>
        <translation>Daten von Easel (Demo-Modell, CLIP-Vokabular, Übersetzungen): %1</translation>
    </message>
    <message>
        <source>Your models can live anywhere; models Easel downloads go to %1. Until you choose one, Easel uses its tiny demo model, whose random weights make coloured noise.</source>
        <translation>Eigene Modelle können überall liegen; Modelle, die Easel herunterlädt, landen in %1. Bis Sie eines wählen, nutzt Easel sein winziges Demo-Modell, dessen Zufallsgewichte farbiges Rauschen erzeugen.</translation>
    </message>
    <message>
        <source>Licences</source>
        <translation>Lizenzen</translation>
    </message>
    <message>
        <source>Models you download have their own licences: &apos;easel-cli info MODEL&apos; shows a model&apos;s.</source>
        <translation>Heruntergeladene Modelle haben eigene Lizenzen: &apos;easel-cli info MODELL&apos; zeigt die eines Modells.</translation>
    </message>
    <message>
        <source>Easel&apos;s licence (MIT)</source>
        <translation>Lizenz von Easel (MIT)</translation>
    </message>
</context>
<context>
    <name>easel::AttributePanel</name>
    <message>
        <source>Drop an image to attribute</source>
        <translation>Bild zum Kennzeichnen ablegen</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Anwenden</translation>
    </message>
    <message>
        <source>Drop an image here, or choose one above, to mark it as AI-generated</source>
        <translation>Ein Bild hier ablegen oder oben eines wählen, um es als KI-generiert zu kennzeichnen</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Vorher</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>Geteilt</translation>
    </message>
    <message>
        <source>Drawn with a simple font: characters outside ASCII show as &apos;?&apos;</source>
        <translation>Mit einer einfachen Schrift gezeichnet: Zeichen außerhalb von ASCII erscheinen als &apos;?&apos;</translation>
    </message>
    <message>
        <source>Bottom right</source>
        <translation>Unten rechts</translation>
    </message>
    <message>
        <source>Bottom left</source>
        <translation>Unten links</translation>
    </message>
    <message>
        <source>Top right</source>
        <translation>Oben rechts</translation>
    </message>
    <message>
        <source>Top left</source>
        <translation>Oben links</translation>
    </message>
    <message>
        <source> x</source>
        <translation> x</translation>
    </message>
    <message>
        <source>Text height relative to the usual 3% of the image&apos;s shorter side</source>
        <translation>Texthöhe relativ zu den üblichen 3 % der kürzeren Bildseite</translation>
    </message>
    <message>
        <source>Write a watermarked copy with the provenance metadata beside the image (queued)</source>
        <translation>Eine Kopie mit Wasserzeichen und Herkunfts-Metadaten neben das Bild schreiben (als Auftrag)</translation>
    </message>
    <message>
        <source>Watermark</source>
        <translation>Wasserzeichen</translation>
    </message>
    <message>
        <source>Corner</source>
        <translation>Ecke</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>Deckkraft</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Model and licence</source>
        <translation>Modell und Lizenz</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Lizenz</translation>
    </message>
    <message>
        <source>Use restrictions</source>
        <translation>Nutzungsbeschränkungen</translation>
    </message>
    <message>
        <source>Always written: AI-generated marks (IPTC digital source type in XMP), the model, its licence, the source image and this operation.</source>
        <translation>Immer geschrieben: KI-Kennzeichnung (IPTC Digital Source Type in XMP), das Modell, seine Lizenz, das Ausgangsbild und dieser Vorgang.</translation>
    </message>
    <message>
        <source>Queued: %1</source>
        <translation>Eingereiht: %1</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Gespeichert: %1</translation>
    </message>
    <message>
        <source>%1: %2 x %3</source>
        <translation>%1: %2 x %3</translation>
    </message>
    <message>
        <source>Reading...</source>
        <translation>Wird gelesen...</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>declared by the model file %1</source>
        <translation>von der Modelldatei %1 angegeben</translation>
    </message>
    <message>
        <source>the usual licence of its family; the model file %1 names none</source>
        <translation>die übliche Lizenz seiner Familie; die Modelldatei %1 nennt keine</translation>
    </message>
    <message>
        <source>The image does not say which model made it or under which licence; check where the model came from.</source>
        <translation>Das Bild sagt nicht, welches Modell es unter welcher Lizenz erzeugt hat; prüfen Sie, woher das Modell stammt.</translation>
    </message>
    <message>
        <source>nothing recorded in the image</source>
        <translation>nichts im Bild vermerkt</translation>
    </message>
    <message>
        <source>recorded in the image</source>
        <translation>im Bild vermerkt</translation>
    </message>
    <message>
        <source>the usual licence of its family (the model file is not on this machine)</source>
        <translation>die übliche Lizenz seiner Familie (die Modelldatei ist nicht auf diesem Rechner)</translation>
    </message>
    <message>
        <source>See the licence named above.</source>
        <translation>Siehe die oben genannte Lizenz.</translation>
    </message>
</context>
<context>
    <name>easel::BatchJob</name>
    <message>
        <source>Prompt list %1</source>
        <translation>Prompt-Liste %1</translation>
    </message>
    <message>
        <source>%1 of %2 frames already written: resuming</source>
        <translation>%1 von %2 Frames bereits geschrieben: wird fortgesetzt</translation>
    </message>
    <message>
        <source>cancelled; run it again to resume</source>
        <translation>abgebrochen; erneut starten, um fortzusetzen</translation>
    </message>
</context>
<context>
    <name>easel::BatchMetadata</name>
    <message>
        <source>Cannot write &apos;%1&apos;: %2</source>
        <translation>&apos;%1&apos; kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>easel::BeforeAfterView</name>
    <message>
        <source>Before</source>
        <translation>Vorher</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Nachher</translation>
    </message>
</context>
<context>
    <name>easel::ComposeJob</name>
    <message>
        <source>Compose: %1 / %2</source>
        <translation>Komposition: %1 / %2</translation>
    </message>
    <message>
        <source>%1: the output must be a .png file</source>
        <translation>%1: die Ausgabe muss eine .png-Datei sein</translation>
    </message>
</context>
<context>
    <name>easel::DownloadsPanel</name>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Lizenz</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Herunterladen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stops the download; what has arrived is kept, and Resume continues from there.</source>
        <translation>Hält den Download an; das bereits Geladene bleibt erhalten, und Fortsetzen macht dort weiter.</translation>
    </message>
    <message>
        <source>Discard partial download</source>
        <translation>Teil-Download verwerfen</translation>
    </message>
    <message>
        <source>Checking the file&apos;s sha256...</source>
        <translation>sha256 der Datei wird geprüft...</translation>
    </message>
    <message>
        <source>Downloaded</source>
        <translation>Heruntergeladen</translation>
    </message>
    <message>
        <source>Paused at %1 of %2</source>
        <translation>Angehalten bei %1 von %2</translation>
    </message>
    <message>
        <source>Paused at %1</source>
        <translation>Angehalten bei %1</translation>
    </message>
    <message>
        <source>Not downloaded</source>
        <translation>Nicht heruntergeladen</translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation>Wird heruntergeladen</translation>
    </message>
    <message>
        <source>Preview decoder: draws full-size live previews while an image is made.</source>
        <translation>Vorschau-Decoder: zeichnet Live-Vorschauen in voller Größe, während ein Bild entsteht.</translation>
    </message>
    <message>
        <source>Model: makes images.</source>
        <translation>Modell: erzeugt Bilder.</translation>
    </message>
    <message>
        <source>Licence: %1. By downloading it you accept its terms.</source>
        <translation>Lizenz: %1. Mit dem Herunterladen akzeptieren Sie ihre Bedingungen.</translation>
    </message>
    <message>
        <source>From: %1</source>
        <translation>Quelle: %1</translation>
    </message>
    <message>
        <source>Saved as: %1</source>
        <translation>Gespeichert als: %1</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Not enough free space in %1: %2 needed, %3 free.</source>
        <translation>Nicht genug freier Platz in %1: %2 benötigt, %3 frei.</translation>
    </message>
    <message>
        <source>Continuing from %1...</source>
        <translation>Wird ab %1 fortgesetzt...</translation>
    </message>
    <message>
        <source>Connecting...</source>
        <translation>Verbindung wird hergestellt...</translation>
    </message>
    <message>
        <source>Cannot delete %1.</source>
        <translation>%1 kann nicht gelöscht werden.</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>%1 gespeichert.</translation>
    </message>
    <message>
        <source>Stopped (%1). %2 kept: Resume continues from there.</source>
        <translation>Angehalten (%1). %2 behalten: Fortsetzen macht dort weiter.</translation>
    </message>
    <message>
        <source>Download failed: %1</source>
        <translation>Download fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>easel::EnhancePanel</name>
    <message>
        <source>Drop an image to enhance</source>
        <translation>Bild zum Verbessern ablegen</translation>
    </message>
    <message>
        <source>Unsharp mask</source>
        <translation>Unscharf maskieren</translation>
    </message>
    <message>
        <source>One-click enhance</source>
        <translation>Mit einem Klick verbessern</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Anwenden</translation>
    </message>
    <message>
        <source>Drop an image here, or choose one above, to enhance it</source>
        <translation>Ein Bild hier ablegen oder oben eines wählen, um es zu verbessern</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Vorher</translation>
    </message>
    <message>
        <source>Show the image before the enhancement</source>
        <translation>Das Bild vor der Verbesserung zeigen</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>Geteilt</translation>
    </message>
    <message>
        <source>Before on the left, after on the right; drag the divider</source>
        <translation>Links vorher, rechts nachher; den Teiler ziehen</translation>
    </message>
    <message>
        <source>1 leaves the image as it is; 0 blurs, above 1 sharpens</source>
        <translation>1 lässt das Bild unverändert; 0 macht es unscharf, über 1 schärfer</translation>
    </message>
    <message>
        <source>1 leaves the image as it is; 0 is flat grey</source>
        <translation>1 lässt das Bild unverändert; 0 ist flaches Grau</translation>
    </message>
    <message>
        <source>1 leaves the image as it is; 0 is black and white</source>
        <translation>1 lässt das Bild unverändert; 0 ist Schwarzweiß</translation>
    </message>
    <message>
        <source>1 leaves the image as it is; 0 is black</source>
        <translation>1 lässt das Bild unverändert; 0 ist Schwarz</translation>
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
        <translation>Schärfe 1,2, Kontrast 1,1, Farbe 1,1 und Unscharf maskieren mit 1 px, 150 %, 3</translation>
    </message>
    <message>
        <source>Radius</source>
        <translation>Radius</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Stärke</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>Schwellenwert</translation>
    </message>
    <message>
        <source>Sharpness</source>
        <translation>Schärfe</translation>
    </message>
    <message>
        <source>Contrast</source>
        <translation>Kontrast</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>Farbe</translation>
    </message>
    <message>
        <source>Brightness</source>
        <translation>Helligkeit</translation>
    </message>
    <message>
        <source>Preview %1 x %2, computed in %3 ms</source>
        <translation>Vorschau %1 x %2, berechnet in %3 ms</translation>
    </message>
    <message>
        <source>Queued: %1</source>
        <translation>Eingereiht: %1</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Gespeichert: %1</translation>
    </message>
    <message>
        <source>%1: %2 x %3</source>
        <translation>%1: %2 x %3</translation>
    </message>
    <message>
        <source>Nothing to apply: every setting leaves the image as it is</source>
        <translation>Nichts anzuwenden: Jede Einstellung lässt das Bild, wie es ist</translation>
    </message>
    <message>
        <source>Enhance the full-size image into a new file beside it (queued)</source>
        <translation>Das Bild in voller Größe verbessert in eine neue Datei daneben schreiben (als Auftrag)</translation>
    </message>
</context>
<context>
    <name>easel::ExportDialog</name>
    <message>
        <source>Add...</source>
        <translation>Hinzufügen...</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Lossless</source>
        <translation>Verlustfrei</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>Durchsuchen...</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Export images</source>
        <translation>Bilder exportieren</translation>
    </message>
    <message>
        <source>PNG (lossless, every metadata chunk kept)</source>
        <translation>PNG (verlustfrei, alle Metadaten-Chunks bleiben erhalten)</translation>
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
        <translation>Neben jedem Bild</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>Qualität</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>Add images</source>
        <translation>Bilder hinzufügen</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>Exportieren nach</translation>
    </message>
    <message>
        <source>A PNG is copied as it is: pixels and every metadata chunk (recipe, sources, operations, provenance).</source>
        <translation>Ein PNG wird unverändert kopiert: Pixel und alle Metadaten-Chunks (Rezept, Quellen, Vorgänge, Herkunft).</translation>
    </message>
    <message>
        <source>The recipe, sources, operations and provenance go into XMP, and the generation parameters into EXIF (UserComment), where A1111-style readers look for them.</source>
        <translation>Rezept, Quellen, Vorgänge und Herkunft kommen in XMP, die Generierungsparameter in EXIF (UserComment), wo Leser im Stil von A1111 sie suchen.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1</source>
        <translation>Der Ordner %1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>Exporting...</source>
        <translation>Wird exportiert...</translation>
    </message>
    <message>
        <source>beside the sources</source>
        <translation>neben den Quellen</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n image(s) %1.</source>
        <translation>
            <numerusform>%n Bild exportiert: %1.</numerusform>
            <numerusform>%n Bilder exportiert: %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>easel::FileHash</name>
    <message>
        <source>Cannot read &apos;%1&apos;: %2</source>
        <translation>&apos;%1&apos; kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Hashing &apos;%1&apos; was cancelled</source>
        <translation>Hash-Berechnung von &apos;%1&apos; wurde abgebrochen</translation>
    </message>
    <message>
        <source>&apos;%1&apos; does not exist</source>
        <translation>&apos;%1&apos; existiert nicht</translation>
    </message>
    <message>
        <source>&apos;%1&apos; holds no .safetensors weight files</source>
        <translation>&apos;%1&apos; enthält keine .safetensors-Gewichtsdateien</translation>
    </message>
</context>
<context>
    <name>easel::GalleryIndex</name>
    <message>
        <source>Cannot open the gallery index %1: %2</source>
        <translation>Der Galerie-Index %1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>Cannot create the folder of the gallery index %1</source>
        <translation>Der Ordner des Galerie-Index %1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>The gallery index %1 is damaged (%2) and cannot be moved aside</source>
        <translation>Der Galerie-Index %1 ist beschädigt (%2) und kann nicht beiseitegelegt werden</translation>
    </message>
    <message>
        <source>Gallery index %1: %2</source>
        <translation>Galerie-Index %1: %2</translation>
    </message>
    <message>
        <source>%1 is not a folder</source>
        <translation>%1 ist kein Ordner</translation>
    </message>
    <message>
        <source>%1: no such file</source>
        <translation>%1: Datei existiert nicht</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1: a rating is 0 to 5, got %2</source>
        <translation>%1: eine Bewertung ist 0 bis 5, nicht %2</translation>
    </message>
</context>
<context>
    <name>easel::GalleryModel</name>
    <message>
        <source>seed %1</source>
        <translation>Seed %1</translation>
    </message>
</context>
<context>
    <name>easel::GalleryPanel</name>
    <message>
        <source>Search: words, model:, seed:, rating:&gt;=4, pick:yes, -word</source>
        <translation>Suche: Wörter, model:, seed:, rating:&gt;=4, pick:yes, -wort</translation>
    </message>
    <message>
        <source>Words match the prompt; fields: model:, lora:, sampler:, tag:, seed:, steps:, cfg:&gt;7, size:512x768, date:2026-11, rating:&gt;=4, pick:yes, reject:no; -term excludes</source>
        <translation>Wörter werden im Prompt gesucht; Felder: model:, lora:, sampler:, tag:, seed:, steps:, cfg:&gt;7, size:512x768, date:2026-11, rating:&gt;=4, pick:yes, reject:no; -begriff schließt aus</translation>
    </message>
    <message>
        <source>Cannot create the output folder %1</source>
        <translation>Der Ausgabeordner %1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>Images: %1</source>
        <translation>Bilder: %1</translation>
    </message>
    <message>
        <source>Found: %1</source>
        <translation>Gefunden: %1</translation>
    </message>
    <message>
        <source>Cannot move %1 to the trash (%2); it was not deleted</source>
        <translation>%1 kann nicht in den Papierkorb verschoben werden (%2); es wurde nicht gelöscht</translation>
    </message>
    <message>
        <source>%1 exists again, so its copy stays in the trash</source>
        <translation>%1 existiert wieder, daher bleibt die Kopie im Papierkorb</translation>
    </message>
    <message>
        <source>Cannot bring %1 back from the trash (%2)</source>
        <translation>%1 kann nicht aus dem Papierkorb zurückgeholt werden (%2)</translation>
    </message>
    <message>
        <source>picked</source>
        <translation>ausgewählt</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>verworfen</translation>
    </message>
    <message>
        <source>seed %1</source>
        <translation>Seed %1</translation>
    </message>
    <message>
        <source>%1 holds no recipe Easel can read</source>
        <translation>%1 enthält kein Rezept, das Easel lesen kann</translation>
    </message>
    <message>
        <source>Reuse</source>
        <translation>Wiederverwenden</translation>
    </message>
    <message>
        <source>Fill the recipe panel with this image&apos;s recipe</source>
        <translation>Das Rezept dieses Bildes in die Rezept-Leiste übernehmen</translation>
    </message>
    <message>
        <source>Regenerate (same seed)</source>
        <translation>Neu generieren (gleicher Seed)</translation>
    </message>
    <message>
        <source>Regenerate (new seed)</source>
        <translation>Neu generieren (neuer Seed)</translation>
    </message>
    <message>
        <source>Open Containing Folder</source>
        <translation>Enthaltenden Ordner öffnen</translation>
    </message>
    <message>
        <source>Copy Prompt</source>
        <translation>Prompt kopieren</translation>
    </message>
    <message>
        <source>Copy Seed</source>
        <translation>Seed kopieren</translation>
    </message>
    <message>
        <source>Move to Trash</source>
        <translation>In den Papierkorb verschieben</translation>
    </message>
    <message>
        <source>Undo Move to Trash</source>
        <translation>Rückgängig: In den Papierkorb verschieben</translation>
    </message>
    <message>
        <source>%1; the gallery uses a temporary index for now</source>
        <translation>%1; die Galerie nutzt vorerst einen temporären Index</translation>
    </message>
</context>
<context>
    <name>easel::GalleryQuery</name>
    <message>
        <source>unclosed quote in the search &quot;%1&quot;</source>
        <translation>nicht geschlossenes Anführungszeichen in der Suche &quot;%1&quot;</translation>
    </message>
    <message>
        <source>%1: expects a number, a comparison (&gt;7, &lt;=20) or a range (5..8), got &quot;%2&quot;</source>
        <translation>%1: erwartet eine Zahl, einen Vergleich (&gt;7, &lt;=20) oder einen Bereich (5..8), nicht &quot;%2&quot;</translation>
    </message>
    <message>
        <source>date: expects YYYY, YYYY-MM or YYYY-MM-DD, optionally with &gt;, &gt;=, &lt;, &lt;= or A..B, got &quot;%1&quot;</source>
        <translation>date: erwartet JJJJ, JJJJ-MM oder JJJJ-MM-TT, wahlweise mit &gt;, &gt;=, &lt;, &lt;= oder A..B, nicht &quot;%1&quot;</translation>
    </message>
    <message>
        <source>%1: expects yes or no, got &quot;%2&quot;</source>
        <translation>%1: erwartet yes oder no, nicht &quot;%2&quot;</translation>
    </message>
    <message>
        <source>%1: needs a value</source>
        <translation>%1: braucht einen Wert</translation>
    </message>
    <message>
        <source>size: expects WIDTHxHEIGHT, got &quot;%1&quot;</source>
        <translation>size: erwartet BREITExHÖHE, nicht &quot;%1&quot;</translation>
    </message>
</context>
<context>
    <name>easel::GenerationJob</name>
    <message>
        <source>(no prompt)</source>
        <translation>(kein Prompt)</translation>
    </message>
    <message>
        <source>no output file or folder given</source>
        <translation>keine Ausgabedatei und kein Ausgabeordner angegeben</translation>
    </message>
    <message>
        <source>%1: the output must be a .png file (it carries the recipe)</source>
        <translation>%1: die Ausgabe muss eine .png-Datei sein (sie trägt das Rezept)</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>Previews were approximate: %1</source>
        <translation>Vorschauen waren nur angenähert: %1</translation>
    </message>
    <message>
        <source>%1: has no tensor named &apos;latents&apos;</source>
        <translation>%1: enthält keinen Tensor namens &apos;latents&apos;</translation>
    </message>
    <message>
        <source>%1: &apos;latents&apos; must be a float NCHW tensor</source>
        <translation>%1: &apos;latents&apos; muss ein Float-Tensor in NCHW sein</translation>
    </message>
    <message>
        <source>TAESD previews need the %1 decoder: fetch it once (easel-cli fetch %1) or choose its file</source>
        <translation>TAESD-Vorschauen brauchen den Decoder %1: einmal herunterladen (easel-cli fetch %1) oder seine Datei wählen</translation>
    </message>
</context>
<context>
    <name>easel::ImageDropArea</name>
    <message>
        <source>Drop an image here (or click to choose one) to start from it: image to image</source>
        <translation>Ein Bild hier ablegen (oder klicken, um eines zu wählen), um davon auszugehen: Bild zu Bild</translation>
    </message>
    <message>
        <source>No source image (text to image)</source>
        <translation>Kein Ausgangsbild (Text zu Bild)</translation>
    </message>
    <message>
        <source>%1 is not a readable image: %2</source>
        <translation>%1 ist kein lesbares Bild: %2</translation>
    </message>
    <message>
        <source>Drop a source image here</source>
        <translation>Ausgangsbild hier ablegen</translation>
    </message>
    <message>
        <source>Source image</source>
        <translation>Ausgangsbild</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.bmp)</source>
        <translation>Bilder (*.png *.jpg *.jpeg *.webp *.bmp)</translation>
    </message>
</context>
<context>
    <name>easel::ImageMetadata</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>easel::ImageRecipe</name>
    <message>
        <source>%1 must be from %2 to %3, not %4</source>
        <translation>%1 muss zwischen %2 und %3 liegen, nicht %4</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <source>Guidance must be from %1 to %2, not %3</source>
        <translation>Die CFG-Skala muss zwischen %1 und %2 liegen, nicht %3</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>Breite</translation>
    </message>
    <message>
        <source>Height</source>
        <translation>Höhe</translation>
    </message>
    <message>
        <source>%1 must be a multiple of %2 from %3 to %4, not %5</source>
        <translation>%1 muss ein Vielfaches von %2 zwischen %3 und %4 sein, nicht %5</translation>
    </message>
    <message>
        <source>The seed must not be negative</source>
        <translation>Der Seed darf nicht negativ sein</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>Batch-Größe</translation>
    </message>
    <message>
        <source>Batch count</source>
        <translation>Batch-Anzahl</translation>
    </message>
    <message>
        <source>Clip skip</source>
        <translation>CLIP-Skip</translation>
    </message>
    <message>
        <source>The img2img strength must be above %1 and at most %2, not %3</source>
        <translation>Die img2img-Stärke muss über %1 und höchstens %2 sein, nicht %3</translation>
    </message>
    <message>
        <source>A1111 parameters: the text is empty</source>
        <translation>A1111-Parameter: der Text ist leer</translation>
    </message>
    <message>
        <source>Easel metadata: &apos;format_version&apos; is missing</source>
        <translation>Easel-Metadaten: &apos;format_version&apos; fehlt</translation>
    </message>
    <message>
        <source>Easel metadata: &apos;format_version&apos; must be a positive integer</source>
        <translation>Easel-Metadaten: &apos;format_version&apos; muss eine positive ganze Zahl sein</translation>
    </message>
    <message>
        <source>Easel metadata: format_version %1 is newer than this Easel reads (%2)</source>
        <translation>Easel-Metadaten: format_version %1 ist neuer als das, was dieses Easel liest (%2)</translation>
    </message>
    <message>
        <source>Easel metadata: &apos;prompt&apos; must be a string</source>
        <translation>Easel-Metadaten: &apos;prompt&apos; muss eine Zeichenkette sein</translation>
    </message>
    <message>
        <source>Easel metadata: not valid JSON at offset %1: %2</source>
        <translation>Easel-Metadaten: kein gültiges JSON an Position %1: %2</translation>
    </message>
    <message>
        <source>Easel metadata: the top level must be an object</source>
        <translation>Easel-Metadaten: die oberste Ebene muss ein Objekt sein</translation>
    </message>
    <message>
        <source>must be a string</source>
        <translation>muss eine Zeichenkette sein</translation>
    </message>
    <message>
        <source>must be a number</source>
        <translation>muss eine Zahl sein</translation>
    </message>
    <message>
        <source>must be an integer from %1 to %2</source>
        <translation>muss eine ganze Zahl von %1 bis %2 sein</translation>
    </message>
    <message>
        <source>has an unknown value &apos;%1&apos;</source>
        <translation>hat einen unbekannten Wert &apos;%1&apos;</translation>
    </message>
    <message>
        <source>Easel metadata: &apos;%1&apos; %2</source>
        <translation>Easel-Metadaten: &apos;%1&apos; %2</translation>
    </message>
    <message>
        <source>must be an object</source>
        <translation>muss ein Objekt sein</translation>
    </message>
    <message>
        <source>values must be strings</source>
        <translation>Werte müssen Zeichenketten sein</translation>
    </message>
    <message>
        <source>must be from 0 to 1</source>
        <translation>muss zwischen 0 und 1 liegen</translation>
    </message>
    <message>
        <source>must be 64 lowercase hex digits</source>
        <translation>muss aus 64 kleingeschriebenen Hex-Ziffern bestehen</translation>
    </message>
    <message>
        <source>A1111 parameters: &apos;%1&apos; %2, got &apos;%3&apos;</source>
        <translation>A1111-Parameter: &apos;%1&apos; %2, nicht &apos;%3&apos;</translation>
    </message>
    <message>
        <source>must be a whole number from 1 to 10000</source>
        <translation>muss eine ganze Zahl von 1 bis 10000 sein</translation>
    </message>
    <message>
        <source>must be a whole number</source>
        <translation>muss eine ganze Zahl sein</translation>
    </message>
    <message>
        <source>must be WIDTHxHEIGHT</source>
        <translation>muss BREITExHÖHE sein</translation>
    </message>
    <message>
        <source>must be a number from 0 to 1</source>
        <translation>muss eine Zahl von 0 bis 1 sein</translation>
    </message>
    <message>
        <source>must be a whole number from 1 to 12</source>
        <translation>muss eine ganze Zahl von 1 bis 12 sein</translation>
    </message>
    <message>
        <source>must be a list of {path, weight} objects</source>
        <translation>muss eine Liste von {path, weight}-Objekten sein</translation>
    </message>
</context>
<context>
    <name>easel::ImageSlot</name>
    <message>
        <source>Drop an image here or choose one with Open</source>
        <translation>Ein Bild hier ablegen oder mit Öffnen eines wählen</translation>
    </message>
    <message>
        <source>Open...</source>
        <translation>Öffnen...</translation>
    </message>
    <message>
        <source>Loading %1...</source>
        <translation>%1 wird geladen...</translation>
    </message>
    <message>
        <source>Choose an image</source>
        <translation>Bild wählen</translation>
    </message>
</context>
<context>
    <name>easel::ImageToolJob</name>
    <message>
        <source>Enhance %1</source>
        <translation>%1 verbessern</translation>
    </message>
    <message>
        <source>Merge %1</source>
        <translation>%1 zusammenfügen</translation>
    </message>
    <message>
        <source>Attribute %1</source>
        <translation>%1 kennzeichnen</translation>
    </message>
    <message>
        <source>%1 needs %2 input image(s)</source>
        <translation>%1 braucht %2 Eingabebild(er)</translation>
    </message>
    <message>
        <source>unknown image tool &apos;%1&apos;</source>
        <translation>unbekanntes Bildwerkzeug &apos;%1&apos;</translation>
    </message>
</context>
<context>
    <name>easel::ImageWriter</name>
    <message>
        <source>cannot save images in %1: %2</source>
        <translation>Bilder können nicht in %1 gespeichert werden: %2</translation>
    </message>
</context>
<context>
    <name>easel::Job</name>
    <message>
        <source>unknown kind of job &apos;%1&apos;</source>
        <translation>unbekannte Auftragsart &apos;%1&apos;</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Wartet</translation>
    </message>
    <message>
        <source>Loading the model</source>
        <translation>Modell wird geladen</translation>
    </message>
    <message>
        <source>Encoding the prompt</source>
        <translation>Prompt wird kodiert</translation>
    </message>
    <message>
        <source>Sampling</source>
        <translation>Entrauschen</translation>
    </message>
    <message>
        <source>Decoding</source>
        <translation>Dekodieren</translation>
    </message>
    <message>
        <source>Processing</source>
        <translation>Verarbeitung</translation>
    </message>
    <message>
        <source>Saving</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>Eingereiht</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>Unterbrochen</translation>
    </message>
</context>
<context>
    <name>easel::JobQueue</name>
    <message>
        <source>cancelled before it started</source>
        <translation>vor dem Start abgebrochen</translation>
    </message>
</context>
<context>
    <name>easel::LargeImageView</name>
    <message>
        <source>Space or a click goes back to the grid</source>
        <translation>Leertaste oder ein Klick führt zurück zum Raster</translation>
    </message>
</context>
<context>
    <name>easel::MainWindow</name>
    <message>
        <source>Easel</source>
        <translation>Easel</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
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
        <source>&amp;Generate</source>
        <translation>&amp;Generieren</translation>
    </message>
    <message>
        <source>Queue this recipe at the back of the queue</source>
        <translation>Dieses Rezept hinten in die Warteschlange stellen</translation>
    </message>
    <message>
        <source>Generate &amp;Next</source>
        <translation>Als &amp;Nächstes generieren</translation>
    </message>
    <message>
        <source>Queue this recipe at the front, before the waiting jobs</source>
        <translation>Dieses Rezept vorne einreihen, vor den wartenden Aufträgen</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Abbrechen</translation>
    </message>
    <message>
        <source>&amp;Pause After Current Job</source>
        <translation>&amp;Pause nach dem aktuellen Auftrag</translation>
    </message>
    <message>
        <source>&amp;Models...</source>
        <translation>&amp;Modelle...</translation>
    </message>
    <message>
        <source>Add, describe, download and choose models</source>
        <translation>Modelle hinzufügen, beschreiben, herunterladen und wählen</translation>
    </message>
    <message>
        <source>&amp;Open Image Recipe...</source>
        <translation>Rezept aus Bild &amp;öffnen...</translation>
    </message>
    <message>
        <source>&amp;Free Model Memory</source>
        <translation>Modell&amp;speicher freigeben</translation>
    </message>
    <message>
        <source>Unload the models kept in memory (the next generation loads its model again)</source>
        <translation>Die im Speicher gehaltenen Modelle entladen (die nächste Generierung lädt ihr Modell neu)</translation>
    </message>
    <message>
        <source>Freed %1 GiB of model memory</source>
        <translation>%1 GiB Modellspeicher freigegeben</translation>
    </message>
    <message>
        <source>&amp;Settings...</source>
        <translation>&amp;Einstellungen...</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>Ver&amp;größern</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>Ver&amp;kleinern</translation>
    </message>
    <message>
        <source>&amp;Fit to Window</source>
        <translation>In Fenster &amp;einpassen</translation>
    </message>
    <message>
        <source>&amp;Actual Size (1:1)</source>
        <translation>&amp;Originalgröße (1:1)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Easel</source>
        <translation>&amp;Über Easel</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>Leerlauf</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>Generieren</translation>
    </message>
    <message>
        <source>Queue this recipe (Ctrl+Enter; Shift+Ctrl+Enter queues it first)</source>
        <translation>Dieses Rezept einreihen (Strg+Eingabe; Umschalt+Strg+Eingabe reiht es als Erstes ein)</translation>
    </message>
    <message>
        <source>Recipe</source>
        <translation>Rezept</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Warteschlange</translation>
    </message>
    <message>
        <source>The queue will not be kept after Easel closes: %1</source>
        <translation>Die Warteschlange wird nach dem Schließen von Easel nicht erhalten: %1</translation>
    </message>
    <message>
        <source>Easel stopped while a job was running: that job is marked interrupted and the queue is paused. Retry it or resume the queue when you are ready.</source>
        <translation>Easel wurde während eines laufenden Auftrags beendet: Dieser Auftrag ist als unterbrochen markiert und die Warteschlange angehalten. Wiederholen Sie ihn oder setzen Sie die Warteschlange fort, wenn Sie so weit sind.</translation>
    </message>
    <message numerus="yes">
        <source>Queued: %n job(s) waiting</source>
        <translation>
            <numerusform>Eingereiht: %n Auftrag wartet</numerusform>
            <numerusform>Eingereiht: %n Aufträge warten</numerusform>
        </translation>
    </message>
    <message>
        <source>Starting</source>
        <translation>Wird gestartet</translation>
    </message>
    <message>
        <source>%1 holds no recipe Easel can read (no Easel or A1111 parameters).</source>
        <translation>%1 enthält kein Rezept, das Easel lesen kann (keine Easel- oder A1111-Parameter).</translation>
    </message>
    <message>
        <source>Recipe of %1 loaded</source>
        <translation>Rezept von %1 geladen</translation>
    </message>
    <message>
        <source>Demo model (random weights: abstract noise)</source>
        <translation>Demo-Modell (Zufallsgewichte: abstraktes Rauschen)</translation>
    </message>
    <message>
        <source>Easel&apos;s tiny bundled model. Its weights are random, so it makes coloured noise: add a real model to make pictures.</source>
        <translation>Das winzige mitgelieferte Modell von Easel. Seine Gewichte sind zufällig, daher erzeugt es farbiges Rauschen: Fügen Sie ein echtes Modell hinzu, um Bilder zu machen.</translation>
    </message>
    <message>
        <source>%1 does not exist.</source>
        <translation>%1 existiert nicht.</translation>
    </message>
    <message>
        <source>Open an image&apos;s recipe</source>
        <translation>Rezept eines Bildes öffnen</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <source>Cancelling...</source>
        <translation>Wird abgebrochen...</translation>
    </message>
    <message>
        <source>Starting: %1</source>
        <translation>Startet: %1</translation>
    </message>
    <message>
        <source>Sampling: step %1 of %2</source>
        <translation>Entrauschen: Schritt %1 von %2</translation>
    </message>
    <message>
        <source>batch %1 of %2</source>
        <translation>Batch %1 von %2</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>noch %1</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message numerus="yes">
        <source>Saved %n image(s) to %1</source>
        <translation>
            <numerusform>%n Bild gespeichert in %1</numerusform>
            <numerusform>%n Bilder gespeichert in %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Write a prompt and press Generate (Ctrl+Enter).
Each step shows here as it forms.</source>
        <translation>Schreiben Sie einen Prompt und drücken Sie Generieren (Strg+Eingabe).
Jeder Schritt erscheint hier, während das Bild entsteht.</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>Gallery</source>
        <translation>Galerie</translation>
    </message>
    <message>
        <source>&amp;Undo Move to Trash</source>
        <translation>&amp;Rückgängig: In den Papierkorb verschieben</translation>
    </message>
    <message>
        <source>The demo model is selected: its weights are random, so it makes abstract coloured noise. To make pictures, add a real model (File &gt; Models...): a Stable Diffusion 1.x, 2.x or SDXL .safetensors checkpoint or a diffusers folder.</source>
        <translation>Das Demo-Modell ist ausgewählt: Seine Gewichte sind zufällig, daher erzeugt es abstraktes farbiges Rauschen. Um Bilder zu machen, fügen Sie ein echtes Modell hinzu (Datei &gt; Modelle...): einen Stable-Diffusion-1.x-, -2.x- oder -SDXL-Checkpoint (.safetensors) oder einen diffusers-Ordner.</translation>
    </message>
    <message>
        <source>&amp;Export Images...</source>
        <translation>Bilder e&amp;xportieren...</translation>
    </message>
    <message>
        <source>Save the selected gallery images (or the one shown) as PNG, JPEG or WebP</source>
        <translation>Die in der Galerie gewählten Bilder (oder das angezeigte) als PNG, JPEG oder WebP speichern</translation>
    </message>
    <message>
        <source>Enhance</source>
        <translation>Verbessern</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>Zusammenfügen</translation>
    </message>
    <message>
        <source>Attribute</source>
        <translation>Kennzeichnen</translation>
    </message>
    <message>
        <source>Finishing</source>
        <translation>Fertigstellen</translation>
    </message>
</context>
<context>
    <name>easel::MergeCanvas</name>
    <message>
        <source>Drag the figure to move it; turn the wheel to scale it</source>
        <translation>Die Figur ziehen, um sie zu verschieben; am Mausrad drehen, um sie zu skalieren</translation>
    </message>
</context>
<context>
    <name>easel::MergePanel</name>
    <message>
        <source>Character: drop an image</source>
        <translation>Figur: Bild ablegen</translation>
    </message>
    <message>
        <source>Background: drop an image</source>
        <translation>Hintergrund: Bild ablegen</translation>
    </message>
    <message>
        <source>Default place</source>
        <translation>Standardposition</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Anwenden</translation>
    </message>
    <message>
        <source>Choose a character (its backdrop is cut away) and a background</source>
        <translation>Eine Figur (ihr Hintergrund wird ausgeschnitten) und einen Hintergrund wählen</translation>
    </message>
    <message>
        <source>Cut-out</source>
        <translation>Freisteller</translation>
    </message>
    <message>
        <source>Show the cut-out figure over a checkerboard</source>
        <translation>Die freigestellte Figur über einem Schachbrettmuster zeigen</translation>
    </message>
    <message>
        <source>The middle of the right half, feet on the bottom edge, full height</source>
        <translation>Mitte der rechten Hälfte, Füße am unteren Rand, volle Höhe</translation>
    </message>
    <message>
        <source>1: the character&apos;s whole image as tall as the output. Or turn the wheel on the canvas</source>
        <translation>1: das ganze Bild der Figur so hoch wie die Ausgabe. Oder auf der Leinwand am Mausrad drehen</translation>
    </message>
    <message>
        <source> x</source>
        <translation> x</translation>
    </message>
    <message>
        <source>How far the figure&apos;s colours move towards the background&apos;s: 0 none, 1 full</source>
        <translation>Wie weit sich die Farben der Figur denen des Hintergrunds annähern: 0 gar nicht, 1 ganz</translation>
    </message>
    <message>
        <source>Feathering of the figure&apos;s edge in character pixels; auto: about 0.2% of its size</source>
        <translation>Weiche Kante der Figur in Pixeln der Figur; auto: etwa 0,2 % ihrer Größe</translation>
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
        <translation>Figurgröße</translation>
    </message>
    <message>
        <source>Harmonise colours</source>
        <translation>Farben angleichen</translation>
    </message>
    <message>
        <source>Edge softness</source>
        <translation>Kantenweichheit</translation>
    </message>
    <message>
        <source>Output size</source>
        <translation>Ausgabegröße</translation>
    </message>
    <message>
        <source>Queued: %1</source>
        <translation>Eingereiht: %1</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Gespeichert: %1</translation>
    </message>
    <message>
        <source>Cutting out %1...</source>
        <translation>%1 wird freigestellt...</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Figure cut out of %1 in %2 ms</source>
        <translation>Figur aus %1 in %2 ms freigestellt</translation>
    </message>
    <message>
        <source>Merge at full size into a new file beside the character (queued)</source>
        <translation>In voller Größe in eine neue Datei neben der Figur zusammenfügen (als Auftrag)</translation>
    </message>
</context>
<context>
    <name>easel::MessageBar</name>
    <message>
        <source>Hide this message</source>
        <translation>Diese Meldung ausblenden</translation>
    </message>
</context>
<context>
    <name>easel::ModelService</name>
    <message>
        <source>this build of libtorch has no usable CUDA device</source>
        <translation>dieser libtorch-Build hat kein nutzbares CUDA-Gerät</translation>
    </message>
</context>
<context>
    <name>easel::ModelsDialog</name>
    <message>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <source>Add file...</source>
        <translation>Datei hinzufügen...</translation>
    </message>
    <message>
        <source>Add diffusers folder...</source>
        <translation>diffusers-Ordner hinzufügen...</translation>
    </message>
    <message>
        <source>Remove from list</source>
        <translation>Aus der Liste entfernen</translation>
    </message>
    <message>
        <source>Removes the model from Easel&apos;s list; its files stay where they are.</source>
        <translation>Entfernt das Modell aus der Liste von Easel; seine Dateien bleiben, wo sie sind.</translation>
    </message>
    <message>
        <source>Open models folder</source>
        <translation>Modellordner öffnen</translation>
    </message>
    <message>
        <source>Use this model</source>
        <translation>Dieses Modell verwenden</translation>
    </message>
    <message>
        <source>Downloads</source>
        <translation>Downloads</translation>
    </message>
    <message>
        <source>Models folder: %1</source>
        <translation>Modellordner: %1</translation>
    </message>
    <message>
        <source>Bundled</source>
        <translation>Mitgeliefert</translation>
    </message>
    <message>
        <source>Demo model (random weights: abstract noise)</source>
        <translation>Demo-Modell (Zufallsgewichte: abstraktes Rauschen)</translation>
    </message>
    <message>
        <source>Your models</source>
        <translation>Eigene Modelle</translation>
    </message>
    <message>
        <source>%1 (missing)</source>
        <translation>%1 (fehlt)</translation>
    </message>
    <message>
        <source>In the models folder</source>
        <translation>Im Modellordner</translation>
    </message>
    <message>
        <source>Reading %1...</source>
        <translation>%1 wird gelesen...</translation>
    </message>
    <message>
        <source>Easel cannot use this model: %1</source>
        <translation>Easel kann dieses Modell nicht verwenden: %1</translation>
    </message>
    <message>
        <source>Easel&apos;s bundled demo model: the real Stable Diffusion 1.5 architecture with tiny random weights, for trying every part of Easel on any machine. Its pictures are abstract noise; for real pictures, add or download a model.</source>
        <translation>Das mitgelieferte Demo-Modell von Easel: die echte Architektur von Stable Diffusion 1.5 mit winzigen Zufallsgewichten, um jeden Teil von Easel auf jedem Rechner auszuprobieren. Seine Bilder sind abstraktes Rauschen; für echte Bilder fügen Sie ein Modell hinzu oder laden eines herunter.</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>Layout</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>a standalone VAE, not a whole model: Easel cannot generate with it alone</source>
        <translation>ein einzelnes VAE, kein ganzes Modell: Easel kann damit allein nicht generieren</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>Architektur</translation>
    </message>
    <message>
        <source>%1, inpainting</source>
        <translation>%1, Inpainting</translation>
    </message>
    <message>
        <source>Prediction</source>
        <translation>Vorhersage</translation>
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
        <translation>Gewichte</translation>
    </message>
    <message>
        <source>%1 parameters, stored as %2</source>
        <translation>%1 Parameter, gespeichert als %2</translation>
    </message>
    <message>
        <source>Size on disk</source>
        <translation>Größe auf der Festplatte</translation>
    </message>
    <message>
        <source>the GPU (CUDA)</source>
        <translation>der GPU (CUDA)</translation>
    </message>
    <message>
        <source>the CPU</source>
        <translation>der CPU</translation>
    </message>
    <message>
        <source>Memory to run</source>
        <translation>Speicherbedarf</translation>
    </message>
    <message>
        <source>about %1 for the weights in %2 on %3, plus working memory that grows with the image size</source>
        <translation>etwa %1 für die Gewichte in %2 auf %3, plus Arbeitsspeicher, der mit der Bildgröße wächst</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Lizenz</translation>
    </message>
    <message>
        <source>MIT: random weights made for Easel, no use restrictions</source>
        <translation>MIT: Zufallsgewichte für Easel, keine Nutzungsbeschränkungen</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>Nutzung</translation>
    </message>
    <message>
        <source>Components</source>
        <translation>Komponenten</translation>
    </message>
    <message>
        <source>%1 parameters</source>
        <translation>%1 Parameter</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>Hinweis: %1</translation>
    </message>
    <message>
        <source>Stable Diffusion checkpoints (*.safetensors)</source>
        <translation>Stable-Diffusion-Checkpoints (*.safetensors)</translation>
    </message>
    <message>
        <source>Add a model file</source>
        <translation>Modelldatei hinzufügen</translation>
    </message>
    <message>
        <source>Add a diffusers folder</source>
        <translation>diffusers-Ordner hinzufügen</translation>
    </message>
    <message>
        <source>%1 is not a diffusers folder: it has no model_index.json.</source>
        <translation>%1 ist kein diffusers-Ordner: Es fehlt model_index.json.</translation>
    </message>
</context>
<context>
    <name>easel::OutputPlan</name>
    <message>
        <source>Cannot create the folder &apos;%1&apos;</source>
        <translation>Der Ordner &apos;%1&apos; kann nicht angelegt werden</translation>
    </message>
</context>
<context>
    <name>easel::PromptEditor</name>
    <message>
        <source>Increase Weight</source>
        <translation>Gewicht erhöhen</translation>
    </message>
    <message>
        <source>Decrease Weight</source>
        <translation>Gewicht verringern</translation>
    </message>
    <message>
        <source>CLIP reads a prompt in chunks of 75 tokens. A mark in the text shows where each chunk ends; BREAK starts a new one.</source>
        <translation>CLIP liest einen Prompt in Abschnitten von 75 Tokens. Eine Markierung im Text zeigt, wo jeder Abschnitt endet; BREAK beginnt einen neuen.</translation>
    </message>
    <message>
        <source>Counting tokens…</source>
        <translation>Tokens werden gezählt…</translation>
    </message>
    <message>
        <source>No token count</source>
        <translation>Keine Token-Zählung</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Plain prompts are one chunk of 75 tokens: the text encoder ignores the rest.</source>
        <translation>Einfache Prompts sind ein Abschnitt von 75 Tokens: Der Text-Encoder ignoriert den Rest.</translation>
    </message>
    <message>
        <source>1 token ignored</source>
        <translation>1 Token ignoriert</translation>
    </message>
    <message numerus="yes">
        <source>%n tokens ignored</source>
        <translation>
            <numerusform>%n Token ignoriert</numerusform>
            <numerusform>%n Tokens ignoriert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 / %2 · %n chunks: %3</source>
        <translation>
            <numerusform>%1 / %2 · %n Abschnitt: %3</numerusform>
            <numerusform>%1 / %2 · %n Abschnitte: %3</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>easel::PromptList</name>
    <message>
        <source>%1: cannot read: %2</source>
        <translation>%1: kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>the top level must be an object with a &apos;prompts&apos; array or an array of prompt entries</source>
        <translation>die oberste Ebene muss ein Objekt mit einem Array &apos;prompts&apos; oder ein Array von Prompt-Einträgen sein</translation>
    </message>
    <message>
        <source>not valid JSON at offset %1: %2</source>
        <translation>kein gültiges JSON an Position %1: %2</translation>
    </message>
    <message>
        <source>&apos;video_name&apos; must be a string</source>
        <translation>&apos;video_name&apos; muss eine Zeichenkette sein</translation>
    </message>
    <message>
        <source>&apos;prompts&apos; is missing</source>
        <translation>&apos;prompts&apos; fehlt</translation>
    </message>
    <message>
        <source>&apos;prompts&apos; must be an array</source>
        <translation>&apos;prompts&apos; muss ein Array sein</translation>
    </message>
    <message>
        <source>the prompt list is empty</source>
        <translation>die Prompt-Liste ist leer</translation>
    </message>
    <message>
        <source>entry %1: %2</source>
        <translation>Eintrag %1: %2</translation>
    </message>
    <message>
        <source>must be an object</source>
        <translation>muss ein Objekt sein</translation>
    </message>
    <message>
        <source>&apos;prompt&apos; is missing</source>
        <translation>&apos;prompt&apos; fehlt</translation>
    </message>
    <message>
        <source>&apos;prompt&apos; must be a string</source>
        <translation>&apos;prompt&apos; muss eine Zeichenkette sein</translation>
    </message>
    <message>
        <source>&apos;prompt&apos; is empty</source>
        <translation>&apos;prompt&apos; ist leer</translation>
    </message>
    <message>
        <source>&apos;timestamp&apos; is missing</source>
        <translation>&apos;timestamp&apos; fehlt</translation>
    </message>
    <message>
        <source>&apos;timestamp&apos; must be a non-negative number</source>
        <translation>&apos;timestamp&apos; muss eine nicht negative Zahl sein</translation>
    </message>
    <message>
        <source>&apos;timestamp&apos; must be at most %1 seconds</source>
        <translation>&apos;timestamp&apos; darf höchstens %1 Sekunden sein</translation>
    </message>
    <message>
        <source>&apos;timestamp&apos; %1 duplicates entry %2 (both are %3)</source>
        <translation>&apos;timestamp&apos; %1 wiederholt Eintrag %2 (beide sind %3)</translation>
    </message>
    <message>
        <source>&apos;negative_prompt&apos; must be a string</source>
        <translation>&apos;negative_prompt&apos; muss eine Zeichenkette sein</translation>
    </message>
    <message>
        <source>&apos;seed&apos; must be an integer</source>
        <translation>&apos;seed&apos; muss eine ganze Zahl sein</translation>
    </message>
    <message>
        <source>&apos;seed&apos; must be from 0 to %1</source>
        <translation>&apos;seed&apos; muss zwischen 0 und %1 liegen</translation>
    </message>
</context>
<context>
    <name>easel::PromptTokenCounter</name>
    <message>
        <source>the emphasis weight &apos;%1&apos; is not a number</source>
        <translation>das Gewicht &apos;%1&apos; ist keine Zahl</translation>
    </message>
</context>
<context>
    <name>easel::QueueModel</name>
    <message numerus="yes">
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n Bild</numerusform>
            <numerusform>%n Bilder</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>easel::QueuePanel</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Cancel the selected job (a running one stops at its next step)</source>
        <translation>Den ausgewählten Auftrag abbrechen (ein laufender stoppt beim nächsten Schritt)</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>Queue the selected job again</source>
        <translation>Den ausgewählten Auftrag erneut einreihen</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Duplizieren</translation>
    </message>
    <message>
        <source>Queue a copy of the selected job</source>
        <translation>Eine Kopie des ausgewählten Auftrags einreihen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Remove the selected finished job from the list (its images stay)</source>
        <translation>Den ausgewählten beendeten Auftrag aus der Liste entfernen (seine Bilder bleiben)</translation>
    </message>
    <message>
        <source>Pause after current</source>
        <translation>Danach anhalten</translation>
    </message>
    <message>
        <source>Let the running job finish, then start no other until resumed</source>
        <translation>Den laufenden Auftrag beenden lassen, dann keinen weiteren starten, bis fortgesetzt wird</translation>
    </message>
</context>
<context>
    <name>easel::QueueStore</name>
    <message>
        <source>Interrupted: Easel stopped while this job was running</source>
        <translation>Unterbrochen: Easel wurde während dieses Auftrags beendet</translation>
    </message>
    <message>
        <source>The queue %1 can only be restored into an empty queue</source>
        <translation>Die Warteschlange %1 kann nur in eine leere Warteschlange geladen werden</translation>
    </message>
    <message>
        <source>Cannot create the folder of the queue %1</source>
        <translation>Der Ordner der Warteschlange %1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>Cannot read the queue %1: %2</source>
        <translation>Die Warteschlange %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>The queue %1 was written by a newer version of Easel (schema %2)</source>
        <translation>Die Warteschlange %1 wurde von einer neueren Version von Easel geschrieben (Schema %2)</translation>
    </message>
    <message>
        <source>%1 is not a queue database of Easel</source>
        <translation>%1 ist keine Warteschlangen-Datenbank von Easel</translation>
    </message>
    <message>
        <source>Cannot create the queue %1: the folder is read-only</source>
        <translation>Die Warteschlange %1 kann nicht angelegt werden: Der Ordner ist schreibgeschützt</translation>
    </message>
    <message>
        <source>Cannot create the queue %1: %2</source>
        <translation>Die Warteschlange %1 kann nicht angelegt werden: %2</translation>
    </message>
    <message>
        <source>unknown state &apos;%1&apos;</source>
        <translation>unbekannter Status &apos;%1&apos;</translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation>kein JSON-Objekt</translation>
    </message>
    <message>
        <source>unreadable job</source>
        <translation>unlesbarer Auftrag</translation>
    </message>
    <message>
        <source>Queue %1: job %2 cannot be read (%3); it is kept in the file but not in the queue</source>
        <translation>Warteschlange %1: Auftrag %2 kann nicht gelesen werden (%3); er bleibt in der Datei, aber nicht in der Warteschlange</translation>
    </message>
    <message>
        <source>The queue %1 is read-only: changes to the queue are not saved</source>
        <translation>Die Warteschlange %1 ist schreibgeschützt: Änderungen an der Warteschlange werden nicht gespeichert</translation>
    </message>
    <message>
        <source>Cannot save the queue in %1: %2</source>
        <translation>Die Warteschlange kann nicht in %1 gespeichert werden: %2</translation>
    </message>
    <message>
        <source>Interrupted: Easel was closed while this job was running</source>
        <translation>Unterbrochen: Easel wurde während dieses Auftrags geschlossen</translation>
    </message>
    <message>
        <source>not a queue database of Easel</source>
        <translation>keine Warteschlangen-Datenbank von Easel</translation>
    </message>
</context>
<context>
    <name>easel::RecipePanel</name>
    <message>
        <source>Model&apos;s own</source>
        <translation>Vom Modell</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Describe the image: a lighthouse on a cliff at dusk, (storm clouds:1.2)...</source>
        <translation>Beschreiben Sie das Bild: ein Leuchtturm auf einer Klippe in der Dämmerung, (Sturmwolken:1.2)...</translation>
    </message>
    <message>
        <source>What to avoid: blurry, watermark...</source>
        <translation>Was vermieden werden soll: unscharf, Wasserzeichen...</translation>
    </message>
    <message>
        <source>&amp;Prompt</source>
        <translation>&amp;Prompt</translation>
    </message>
    <message>
        <source>&amp;Negative prompt</source>
        <translation>&amp;Negativ-Prompt</translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation>&amp;Modell</translation>
    </message>
    <message>
        <source>Add...</source>
        <translation>Hinzufügen...</translation>
    </message>
    <message>
        <source>Add a checkpoint file or a diffusers folder</source>
        <translation>Eine Checkpoint-Datei oder einen diffusers-Ordner hinzufügen</translation>
    </message>
    <message>
        <source>Sampling</source>
        <translation>Sampling</translation>
    </message>
    <message>
        <source>Model&apos;s default</source>
        <translation>Vom Modell</translation>
    </message>
    <message>
        <source>Sampler&apos;s own</source>
        <translation>Vom Sampler</translation>
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
        <translation>Wie genau das Bild dem Prompt folgt (1 oder weniger: kein Durchgang für den Negativ-Prompt)</translation>
    </message>
    <message>
        <source>S&amp;ampler</source>
        <translation>&amp;Sampler</translation>
    </message>
    <message>
        <source>Sc&amp;hedule</source>
        <translation>&amp;Zeitplan</translation>
    </message>
    <message>
        <source>Spa&amp;cing</source>
        <translation>&amp;Verteilung</translation>
    </message>
    <message>
        <source>S&amp;teps</source>
        <translation>S&amp;chritte</translation>
    </message>
    <message>
        <source>&amp;Guidance</source>
        <translation>C&amp;FG-Skala</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Aspect preset...</source>
        <translation>Seitenverhältnis...</translation>
    </message>
    <message>
        <source>Images made together in one pass</source>
        <translation>Bilder, die zusammen in einem Durchgang entstehen</translation>
    </message>
    <message>
        <source>Passes, one after another</source>
        <translation>Durchgänge, einer nach dem anderen</translation>
    </message>
    <message>
        <source>&amp;Width</source>
        <translation>Bre&amp;ite</translation>
    </message>
    <message>
        <source>H&amp;eight</source>
        <translation>H&amp;öhe</translation>
    </message>
    <message>
        <source>&amp;Batch size</source>
        <translation>Ba&amp;tch-Größe</translation>
    </message>
    <message>
        <source>Batch c&amp;ount</source>
        <translation>Batch-Anzah&amp;l</translation>
    </message>
    <message>
        <source>Locked: every Generate uses this seed. Unlocked: each Generate draws a new one.</source>
        <translation>Fest: Jedes Generieren nutzt diesen Seed. Sonst zieht jedes Generieren einen neuen.</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Fest</translation>
    </message>
    <message>
        <source>Random</source>
        <translation>Zufällig</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <source>Draw a new random seed now</source>
        <translation>Jetzt einen neuen zufälligen Seed ziehen</translation>
    </message>
    <message>
        <source>See&amp;d</source>
        <translation>S&amp;eed</translation>
    </message>
    <message>
        <source>Start from an image</source>
        <translation>Von einem Bild ausgehen</translation>
    </message>
    <message>
        <source>How much of the source image is redrawn (1: all of it)</source>
        <translation>Wie viel vom Ausgangsbild neu gezeichnet wird (1: alles)</translation>
    </message>
    <message>
        <source>St&amp;rength</source>
        <translation>Stä&amp;rke</translation>
    </message>
</context>
<context>
    <name>easel::SettingsDialog</name>
    <message>
        <source>Browse...</source>
        <translation>Durchsuchen...</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Folders</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>Models:</source>
        <translation>Modelle:</translation>
    </message>
    <message>
        <source>Images:</source>
        <translation>Bilder:</translation>
    </message>
    <message>
        <source>Where Easel looks for models and saves the ones it downloads.</source>
        <translation>Wo Easel nach Modellen sucht und heruntergeladene speichert.</translation>
    </message>
    <message>
        <source>Where the images you make are saved.</source>
        <translation>Wo Ihre Bilder gespeichert werden.</translation>
    </message>
    <message>
        <source>Engine</source>
        <translation>Berechnung</translation>
    </message>
    <message>
        <source>Automatic (the GPU here)</source>
        <translation>Automatisch (hier die GPU)</translation>
    </message>
    <message>
        <source>Automatic (the CPU here)</source>
        <translation>Automatisch (hier die CPU)</translation>
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
        <translation>Gerät:</translation>
    </message>
    <message>
        <source>One per core (%1)</source>
        <translation>Einer pro Kern (%1)</translation>
    </message>
    <message>
        <source>CPU threads the engine computes with.</source>
        <translation>CPU-Threads für die Berechnung.</translation>
    </message>
    <message>
        <source>CPU threads:</source>
        <translation>CPU-Threads:</translation>
    </message>
    <message>
        <source>Automatic (%1 here)</source>
        <translation>Automatisch (hier %1)</translation>
    </message>
    <message>
        <source>fp32: exact, slowest</source>
        <translation>fp32: exakt, am langsamsten</translation>
    </message>
    <message>
        <source>fp16: for GPUs</source>
        <translation>fp16: für GPUs</translation>
    </message>
    <message>
        <source>bf16: for GPUs and CPUs with native bf16</source>
        <translation>bf16: für GPUs und CPUs mit nativem bf16</translation>
    </message>
    <message>
        <source>Precision:</source>
        <translation>Genauigkeit:</translation>
    </message>
    <message>
        <source>Live previews</source>
        <translation>Live-Vorschau</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>Approximate: nearly free, small</source>
        <translation>Angenähert: fast kostenlos, klein</translation>
    </message>
    <message>
        <source>TAESD: full size, needs its decoder</source>
        <translation>TAESD: volle Größe, braucht seinen Decoder</translation>
    </message>
    <message>
        <source>Previews:</source>
        <translation>Vorschau:</translation>
    </message>
    <message>
        <source> step(s)</source>
        <translation> Schritt(e)</translation>
    </message>
    <message>
        <source>Every:</source>
        <translation>Intervall:</translation>
    </message>
    <message>
        <source>TAESD decoder:</source>
        <translation>TAESD-Decoder:</translation>
    </message>
    <message>
        <source>the downloaded decoder for the model&apos;s family</source>
        <translation>der heruntergeladene Decoder für die Modellfamilie</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Darstellung</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>Theme:</source>
        <translation>Design:</translation>
    </message>
    <message>
        <source>Models folder</source>
        <translation>Modellordner</translation>
    </message>
    <message>
        <source>Images folder</source>
        <translation>Bildordner</translation>
    </message>
    <message>
        <source>TAESD decoder</source>
        <translation>TAESD-Decoder</translation>
    </message>
    <message>
        <source>TAESD decoders (*.safetensors)</source>
        <translation>TAESD-Decoder (*.safetensors)</translation>
    </message>
</context>
<context>
    <name>easel::Transaction</name>
    <message>
        <source>Gallery index %1: %2</source>
        <translation>Galerie-Index %1: %2</translation>
    </message>
</context>
<context>
    <name>easel::Writer</name>
    <message>
        <source>Gallery index %1: %2</source>
        <translation>Galerie-Index %1: %2</translation>
    </message>
</context>
<context>
    <name>easel::finishing</name>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.bmp *.tif *.tiff)</source>
        <translation>Bilder (*.png *.jpg *.jpeg *.webp *.bmp *.tif *.tiff)</translation>
    </message>
</context>
<context>
    <name>easel::imaging::exportFile</name>
    <message>
        <source>JPEG has no transparency: transparent parts of %1 are white.</source>
        <translation>JPEG kennt keine Transparenz: Transparente Bereiche von %1 werden weiß.</translation>
    </message>
    <message>
        <source>%1: some metadata is too large for JPEG and was left out.</source>
        <translation>%1: Einige Metadaten sind zu groß für JPEG und wurden weggelassen.</translation>
    </message>
</context>
</TS>
