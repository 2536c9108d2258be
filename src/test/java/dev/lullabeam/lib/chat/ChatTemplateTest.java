package dev.lullabeam.lib.chat;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lullabeam.lib.lm.checkpoint.LlamaCheckpointWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Templates of real model repositories rendered with Jinjava; the expected strings are what
 * transformers' apply_chat_template gives for them (the layouts published with each model).
 */
class ChatTemplateTest {
  private static String resource(String name) throws IOException {
    try (InputStream in = ChatTemplateTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void smolLm2InjectsItsDefaultSystemMessage() {
    ChatTemplate template = new ChatTemplate(LlamaCheckpointWriter.SMOLLM2_CHAT_TEMPLATE, null, "<|im_end|>");
    assertThat(template.render(List.of(ChatMessage.user("What is the capital of Japan?")), true), equalTo(
        "<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>\n"
            + "<|im_start|>user\nWhat is the capital of Japan?<|im_end|>\n<|im_start|>assistant\n"));
    assertThat(template.render(List.of(ChatMessage.system("You are a terse assistant."),
        ChatMessage.user("What is the capital of Japan?")), true), equalTo(
        "<|im_start|>system\nYou are a terse assistant.<|im_end|>\n"
            + "<|im_start|>user\nWhat is the capital of Japan?<|im_end|>\n<|im_start|>assistant\n"));
    assertThat(template.render(List.of(ChatMessage.user("Hi")), false), equalTo(
        "<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>\n"
            + "<|im_start|>user\nHi<|im_end|>\n"));
  }

  @Test
  void llama3PutsTheBosFirstAndTrimsTheContent() {
    ChatTemplate template = new ChatTemplate(LlamaCheckpointWriter.LLAMA3_CHAT_TEMPLATE, "<|begin_of_text|>",
        "<|eot_id|>");
    assertThat(template.render(List.of(ChatMessage.system("You tell bedtime stories."),
        ChatMessage.user("  A hedgehog.  ")), true), equalTo(
        "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nYou tell bedtime stories.<|eot_id|>"
            + "<|start_header_id|>user<|end_header_id|>\n\nA hedgehog.<|eot_id|>"
            + "<|start_header_id|>assistant<|end_header_id|>\n\n"));
  }

  @Test
  void qwen25TemplateWithItsToolBranchesRenders() throws IOException {
    ChatTemplate template = new ChatTemplate(resource("qwen2.5-instruct.jinja"), null, "<|im_end|>");
    assertThat(template.render(List.of(ChatMessage.user("Tell me a story.")), true), equalTo(
        "<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n"
            + "<|im_start|>user\nTell me a story.<|im_end|>\n<|im_start|>assistant\n"));
    assertThat(template.render(List.of(ChatMessage.system("Be calm."), ChatMessage.user("Hi"),
        new ChatMessage("assistant", "Hello."), ChatMessage.user("A story?")), true), equalTo(
        "<|im_start|>system\nBe calm.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n"
            + "<|im_start|>assistant\nHello.<|im_end|>\n<|im_start|>user\nA story?<|im_end|>\n"
            + "<|im_start|>assistant\n"));
  }

  @Test
  void jinjaFeaturesOfLlama32sTemplateWork() {
    // Llama 3.1/3.2 templates take the system message off with a slice, date the header with
    // strftime_now, and track state across loop iterations in a namespace.
    String template = "{%- set date_string = strftime_now(\"%d %b %Y\") %}"
        + "{%- if messages[0]['role'] == 'system' %}{%- set system_message = messages[0]['content']|trim %}"
        + "{%- set messages = messages[1:] %}{%- else %}{%- set system_message = \"\" %}{%- endif %}"
        + "[{{ date_string }}][{{ system_message }}]{% for m in messages %}<{{ m['content'] }}>{% endfor %}"
        + "{%- set ns = namespace(found=false) %}{%- for m in messages %}{%- if m.role == 'user' %}"
        + "{%- set ns.found = true %}{%- endif %}{%- endfor %}{{ ns.found }}";
    String today = java.time.LocalDate.now().format(
        java.time.format.DateTimeFormatter.ofPattern("dd MMM yyyy", java.util.Locale.ENGLISH));
    assertThat(new ChatTemplate(template, "", "").render(List.of(ChatMessage.system(" Be kind. "),
        ChatMessage.user("u1"), ChatMessage.user("u2")), true), equalTo("[" + today + "][Be kind.]<u1><u2>true"));
  }

  @Test
  void raiseExceptionFailsTheRenderingWithTheTemplatesMessage() {
    // As Gemma's template refuses a system turn.
    ChatTemplate template = new ChatTemplate("{% if messages[0]['role'] == 'system' %}"
        + "{{ raise_exception('System role not supported') }}{% endif %}"
        + "{% for message in messages %}{{ message['content'] }}{% endfor %}", "<bos>", "<eos>");
    assertThat(template.render(List.of(ChatMessage.user("ok")), true), equalTo("ok"));
    ChatTemplateException error = assertThrows(ChatTemplateException.class,
        () -> template.render(List.of(ChatMessage.system("no"), ChatMessage.user("ok")), true));
    assertThat(error.getMessage(), containsString("System role not supported"));
  }

  @Test
  void eosTokenAndEmptyTemplates() {
    ChatTemplate template = new ChatTemplate("{% for m in messages %}{{ m.content + eos_token }}{% endfor %}",
        "", "</s>");
    assertThat(template.render(List.of(ChatMessage.user("a"), ChatMessage.user("b")), false), equalTo("a</s>b</s>"));
    assertThrows(ChatTemplateException.class, () -> new ChatTemplate(" ", "", ""));
    ChatTemplateException broken = assertThrows(ChatTemplateException.class,
        () -> new ChatTemplate("{% for m in messages %}", "", "").render(List.of(ChatMessage.user("a")), true));
    assertThat(broken.getMessage(), containsString("cannot be rendered"));
  }
}
