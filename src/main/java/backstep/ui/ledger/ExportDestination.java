package backstep.ui.ledger;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** Where an export goes: asked with the platform's save dialog, or a fixed folder (tests, kiosks). */
@FunctionalInterface
public interface ExportDestination {
  /** On the FX thread; empty when the operator cancels. */
  Optional<Path> choose(Window owner, String suggestedName, String description, String extension);

  static ExportDestination saveDialog() {
    return (owner, name, description, ext) -> {
      FileChooser chooser = new FileChooser();
      chooser.setTitle("Export " + description);
      chooser.setInitialFileName(name);
      chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(description, "*." + ext));
      File f = chooser.showSaveDialog(owner);
      return Optional.ofNullable(f).map(File::toPath);
    };
  }

  /** Writes {@code text} to {@code file} (UTF-8), creating its folder; off the FX thread. */
  static void write(Path file, String text) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        java.nio.file.Files.createDirectories(parent);
      }
      java.nio.file.Files.writeString(file, text, java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static ExportDestination folder(Path dir) {
    return (owner, name, description, ext) -> Optional.of(dir.resolve(name));
  }
}
