package dev.cask.maven.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a JSON pointer into a schema into the path a person reads: {@code /properties/body/properties/tags/items}
 * becomes {@code body.tags[]}, {@code /$defs/User/properties/email} becomes {@code User.email}.
 */
public final class SchemaPaths {
  private SchemaPaths() {}

  public static String display(String pointer) {
    if (pointer == null || pointer.isEmpty()) {
      return "(root)";
    }
    List<String> tokens = new ArrayList<>();
    for (String token : pointer.substring(1).split("/", -1)) {
      tokens.add(token.replace("~1", "/").replace("~0", "~"));
    }
    StringBuilder path = new StringBuilder();
    for (int i = 0; i < tokens.size(); i++) {
      String token = tokens.get(i);
      boolean hasNext = i + 1 < tokens.size();
      if ((token.equals("properties") || token.equals("$defs") || token.equals("definitions")
              || token.equals("patternProperties")) && hasNext) {
        dot(path).append(tokens.get(++i));
      } else if (token.equals("items") || token.equals("additionalProperties")) {
        path.append(token.equals("items") ? "[]" : "{}");
      } else if ((token.equals("prefixItems") || token.equals("allOf") || token.equals("anyOf") || token.equals("oneOf"))
          && hasNext) {
        path.append(token.equals("prefixItems") ? "[" + tokens.get(++i) + "]" : "<" + token + " " + tokens.get(++i) + ">");
      } else {
        dot(path).append(token);
      }
    }
    return path.length() == 0 ? "(root)" : path.toString();
  }

  private static StringBuilder dot(StringBuilder path) {
    if (path.length() > 0) {
      path.append('.');
    }
    return path;
  }
}
