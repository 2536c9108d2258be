package dev.lullabeam.lib.chat;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A model's chat template (the Jinja {@code chat_template} of its tokenizer_config.json), rendered with
 * Jinjava the way transformers' {@code apply_chat_template} renders it with Jinja2: trim_blocks and
 * lstrip_blocks on, the variables {@code messages} (a list of {role, content}),
 * {@code add_generation_prompt}, {@code bos_token} and {@code eos_token}, and the functions
 * {@code raise_exception(message)} (the template refuses the conversation: rendering fails with that
 * message) and {@code strftime_now(format)} (Llama 3.1/3.2 templates date their system header).
 *
 * <p>The rendered text already holds the special tokens the model expects, so it is tokenized without
 * adding any (as apply_chat_template does).
 */
public final class ChatTemplate {
  private static final ThreadLocal<String> RAISED = new ThreadLocal<>();
  private static final Jinjava JINJAVA = newJinjava();

  private final String template;
  private final String bosToken;
  private final String eosToken;

  public ChatTemplate(String template, String bosToken, String eosToken) {
    if (template == null || template.isBlank()) {
      throw new ChatTemplateException("the chat template is empty");
    }
    this.template = template;
    this.bosToken = bosToken == null ? "" : bosToken;
    this.eosToken = eosToken == null ? "" : eosToken;
  }

  private static Jinjava newJinjava() {
    JinjavaConfig config = JinjavaConfig.newBuilder()
        .withTrimBlocks(true)
        .withLstripBlocks(true)
        // Jinja semantics Jinjava only follows when asked: "{{-" strips the whitespace before an
        // expression (ChatML templates of Qwen2.5 indent every line), and filters bind tighter than
        // operators ('a' + content | trim trims only the content, as Llama 3's template expects).
        .withLegacyOverrides(LegacyOverrides.newBuilder()
            .withUseTrimmingForNotesAndExpressions(true)
            .withParseWhitespaceControlStrictly(true)
            .withUseNaturalOperatorPrecedence(true)
            .build())
        .build();
    Jinjava jinjava = new Jinjava(config);
    jinjava.getGlobalContext().registerFunction(new ELFunctionDefinition("", "raise_exception",
        ChatTemplate.class, "raiseException", String.class));
    jinjava.getGlobalContext().registerFunction(new ELFunctionDefinition("", "strftime_now",
        ChatTemplate.class, "strftimeNow", String.class));
    return jinjava;
  }

  /** Called by templates: remembers the message; {@link #render} then fails with it. */
  public static String raiseException(String message) {
    RAISED.set(message);
    throw new ChatTemplateException(message);
  }

  /** Python's strftime of today for the directives chat templates use (%d %b %B %Y %m %y %A %a). */
  public static String strftimeNow(String format) {
    LocalDate today = LocalDate.now();
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < format.length(); i++) {
      char c = format.charAt(i);
      if (c != '%' || i + 1 == format.length()) {
        out.append(c);
        continue;
      }
      char directive = format.charAt(++i);
      String pattern = switch (directive) {
        case 'd' -> "dd";
        case 'b' -> "MMM";
        case 'B' -> "MMMM";
        case 'Y' -> "yyyy";
        case 'y' -> "yy";
        case 'm' -> "MM";
        case 'A' -> "EEEE";
        case 'a' -> "EEE";
        default -> null;
      };
      out.append(pattern == null ? "%" + directive
          : today.format(DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH)));
    }
    return out.toString();
  }

  /**
   * Renders the conversation.
   *
   * @param addGenerationPrompt end with the header of an assistant turn, so the model writes the reply
   * @throws ChatTemplateException when the template fails or calls raise_exception, with its message
   */
  public String render(List<ChatMessage> messages, boolean addGenerationPrompt) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (ChatMessage message : messages) {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("role", message.role());
      map.put("content", message.content());
      list.add(map);
    }
    Map<String, Object> bindings = new HashMap<>();
    bindings.put("messages", list);
    bindings.put("add_generation_prompt", addGenerationPrompt);
    bindings.put("bos_token", bosToken);
    bindings.put("eos_token", eosToken);
    RAISED.remove();
    RenderResult result;
    try {
      result = JINJAVA.renderForResult(template, bindings);
    } catch (RuntimeException e) {
      RAISED.remove();
      throw failure(e.getMessage());
    }
    String raised = RAISED.get();
    RAISED.remove();
    if (raised != null) {
      throw new ChatTemplateException("the chat template refused the conversation: " + raised);
    }
    for (TemplateError error : result.getErrors()) {
      if (error.getSeverity() == TemplateError.ErrorType.FATAL) {
        throw failure(error.getMessage());
      }
    }
    return result.getOutput();
  }

  private static ChatTemplateException failure(String message) {
    String line = message == null ? "unknown error" : message.lines().findFirst().orElse("unknown error");
    return new ChatTemplateException("the chat template cannot be rendered: " + line);
  }
}
