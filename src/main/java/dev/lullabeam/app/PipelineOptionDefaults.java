package dev.lullabeam.app;

import dev.lullabeam.pipeline.SeasonOptions;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Locale;
import org.apache.beam.sdk.options.Default;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Gives a picocli option that is also a season option ({@code --maxNewTokens}, {@code --voice},
 * ...) the default of the season's options interface: one source for every command's defaults.
 * Options that are not season options keep their own {@code defaultValue}.
 */
public final class PipelineOptionDefaults implements IDefaultValueProvider {

  @Override
  public String defaultValue(ArgSpec argument) {
    if (!(argument instanceof OptionSpec option) || !option.longestName().startsWith("--")) {
      return null;
    }
    return of(option.longestName().substring(2));
  }

  /** The {@code @Default} of the season option {@code property} as text, or null if it has none. */
  static String of(String property) {
    String suffix = property.substring(0, 1).toUpperCase(Locale.ROOT) + property.substring(1);
    for (String prefix : new String[] {"get", "is"}) {
      Method getter;
      try {
        getter = SeasonOptions.class.getMethod(prefix + suffix);
      } catch (NoSuchMethodException e) {
        continue;
      }
      for (Annotation annotation : getter.getAnnotations()) {
        String value = valueOf(annotation);
        if (value != null) {
          return value;
        }
      }
    }
    return null;
  }

  private static String valueOf(Annotation annotation) {
    if (annotation instanceof Default.String d) {
      return d.value();
    } else if (annotation instanceof Default.Integer d) {
      return Integer.toString(d.value());
    } else if (annotation instanceof Default.Long d) {
      return Long.toString(d.value());
    } else if (annotation instanceof Default.Double d) {
      return Double.toString(d.value());
    } else if (annotation instanceof Default.Boolean d) {
      return Boolean.toString(d.value());
    }
    return null;
  }
}
