package dev.outpost.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.fixtures.RepositoryRoot;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README is the contract users and scripts read: its links stay inside the repository, every
 * command it lists exists, and every exit code the CLI can return is documented.
 */
class ReadmeTest {
  private static final Path ROOT = RepositoryRoot.path();
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)(?:#[^)]*)?\\)");
  private static final Pattern COMMAND_ROW = Pattern.compile("(?m)^\\| `outpost ([a-z-]+)");

  @Test
  void everyLinkPointsAtAFileOfThisRepository() throws IOException {
    List<String> broken = new ArrayList<>();
    for (Path doc : List.of(ROOT.resolve("README.md"), ROOT.resolve("helm/README.md"), ROOT.resolve("docs/architecture.md"))) {
      Matcher link = LINK.matcher(Files.readString(doc, StandardCharsets.UTF_8));
      while (link.find()) {
        String target = link.group(1);
        if (target.startsWith("http://") || target.startsWith("https://")) {
          continue;
        }
        Path resolved = doc.getParent().resolve(target).normalize();
        if (!resolved.startsWith(ROOT) || !Files.exists(resolved)) {
          broken.add(ROOT.relativize(doc) + " -> " + target);
        }
      }
    }
    assertThat(broken).as("links outside the repository or to missing files").isEmpty();
    assertThat(readme()).as("a path outside the repository, linked or not").doesNotContain("../");
  }

  @Test
  void everyCommandInTheTableExists() throws IOException {
    Matcher row = COMMAND_ROW.matcher(readme());
    TreeSet<String> listed = new TreeSet<>();
    while (row.find()) {
      listed.add(row.group(1));
    }
    assertThat(listed).isNotEmpty();
    assertThat(OutpostCommand.subcommands().keySet()).containsAll(listed);
  }

  @Test
  void everyExitCodeIsDocumented() throws IOException, IllegalAccessException {
    String text = readme();
    String sentence = text.substring(text.indexOf("Exit codes:"));
    for (Field field : ExitCodes.class.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == int.class) {
        int code = field.getInt(null);
        assertThat(sentence).as("exit code %s (%s)", code, field.getName()).containsPattern("(?<![0-9])" + code + " ");
      }
    }
  }

  private static String readme() throws IOException {
    return Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
  }
}
