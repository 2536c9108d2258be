package dev.lullabeam.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lullabeam.lib.chat.ChatMessage;
import dev.lullabeam.lib.lm.ComputeType;
import dev.lullabeam.lib.lm.DeviceSpec;
import dev.lullabeam.lib.lm.GenerationRequest;
import dev.lullabeam.lib.lm.GenerationResult;
import dev.lullabeam.lib.lm.LanguageModel;
import dev.lullabeam.lib.lm.SamplingSettings;
import dev.lullabeam.lib.lm.hub.HubModelResolver;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Continues one or more prompts with a language model (GPT-Neo, Llama, Qwen2), or with --chat answers
 * them as user messages through the model's chat template; all prompts run together as one batch.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = {
      "Continue prompts with a language model (a directory or a Hugging Face id; GPT-Neo, Llama, Qwen2),",
      "or with --chat answer them through an instruct model's chat template.",
      "Options and defaults are those of 'season' (--temperature=0 is greedy)."},
    defaultValueProvider = PipelineOptionDefaults.class)
public final class GenerateCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  @Option(names = "--model", paramLabel = "DIR_OR_ID",
      description = "Model directory in Hugging Face layout, or a hub id (default: ${DEFAULT-VALUE}).")
  String model;

  @Option(names = "--prompt", required = true, paramLabel = "TEXT", description = "A prompt; repeat for a batch.")
  List<String> prompts = new ArrayList<>();

  @Option(names = "--maxNewTokens", paramLabel = "N",
      description = "New tokens per prompt at most, capped so prompt + output fit the model (default: ${DEFAULT-VALUE}).")
  int maxNewTokens;

  @Option(names = "--minNewTokens", paramLabel = "N",
      description = "End-of-text is not allowed before this many new tokens (default: ${DEFAULT-VALUE}).")
  int minNewTokens;

  @Option(names = "--temperature", paramLabel = "T",
      description = "Sampling temperature; 0 = greedy (default: ${DEFAULT-VALUE}).")
  double temperature;

  @Option(names = "--topK", paramLabel = "K", description = "Top-k sampling; 0 = off (default: ${DEFAULT-VALUE}).")
  int topK;

  @Option(names = "--topP", paramLabel = "P", description = "Top-p sampling; 1 = off (default: ${DEFAULT-VALUE}).")
  double topP;

  @Option(names = "--repetitionPenalty", paramLabel = "R",
      description = "CTRL-style repetition penalty; 1 = off (default: ${DEFAULT-VALUE}).")
  double repetitionPenalty;

  @Option(names = "--noRepeatNgram", paramLabel = "N",
      description = "Forbid repeating any n-gram of this size; 0 = off (default: ${DEFAULT-VALUE}).")
  int noRepeatNgram;

  @Option(names = "--seed", paramLabel = "S",
      description = "Seed of every prompt's own random generator (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--device", paramLabel = "D", description = "cpu, gpu or gpu:N (default: ${DEFAULT-VALUE}).")
  String device;

  @Option(names = "--dtype", paramLabel = "TYPE", description = "fp32 or fp16 (default: ${DEFAULT-VALUE}).")
  String dtype;

  @Option(names = "--chat", description = "Instruct models: each --prompt is a user message, rendered with the "
      + "model's chat template (tokenizer_config.json) and answered by the model.")
  boolean chat;

  @Option(names = "--system", paramLabel = "TEXT", description = "With --chat: the system message before each prompt.")
  String system;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    CommandErrors.quietenLibraryLogging();
    try {
      SamplingSettings sampling = new SamplingSettings(temperature, topK, topP, repetitionPenalty, noRepeatNgram,
          Math.min(minNewTokens, maxNewTokens), maxNewTokens); // the default minimum never exceeds a short maximum
      DeviceSpec deviceSpec = DeviceSpec.parse(device);
      ComputeType computeType = ComputeType.parse(dtype);
      Path modelDir = HubModelResolver.resolveModel(model);
      List<GenerationResult> results;
      double seconds;
      // The command promises one batch of all its prompts, so it runs the model itself.
      try (LanguageModel lm = LanguageModel.load(modelDir, deviceSpec.toDjlDevice(), computeType)) {
        List<LanguageModel.PreparedRequest> batch = new ArrayList<>();
        if (system != null && !chat) {
          throw new IllegalArgumentException("--system needs --chat");
        }
        for (String prompt : prompts) {
          if (chat) {
            List<ChatMessage> messages = new ArrayList<>();
            if (system != null) {
              messages.add(ChatMessage.system(system));
            }
            messages.add(ChatMessage.user(prompt));
            batch.add(lm.prepare(GenerationRequest.ofTokens(lm.chatPromptIds(messages), sampling, seed)));
          } else {
            batch.add(lm.prepare(GenerationRequest.ofText(prompt, sampling, seed)));
          }
        }
        long start = System.nanoTime();
        results = lm.generate(batch);
        seconds = (System.nanoTime() - start) / 1e9;
      }
      long tokens = results.stream().mapToLong(r -> r.generatedIds().length).sum();
      double tokensPerSecond = seconds > 0 ? tokens / seconds : 0;
      if (json) {
        out.println(JSON.writeValueAsString(toJson(results, tokensPerSecond)));
      } else {
        for (GenerationResult result : results) {
          out.println(chat ? result.text() : result.prompt() + result.text());
          out.println();
        }
        err.printf(java.util.Locale.ROOT, "%d tokens in %.2f s (%.1f tokens/s)%n", tokens, seconds, tokensPerSecond);
      }
      out.flush();
      return 0;
    } catch (RuntimeException | java.io.IOException e) {
      if (CommandErrors.isUserError(e)) {
        return CommandErrors.report(err, e);
      }
      throw new IllegalStateException(e);
    }
  }

  private ObjectNode toJson(List<GenerationResult> results, double tokensPerSecond) {
    ObjectNode root = JSON.createObjectNode();
    root.put("model", model);
    ArrayNode array = root.putArray("results");
    for (GenerationResult result : results) {
      ObjectNode node = array.addObject();
      node.put("prompt", result.prompt());
      ArrayNode promptIds = node.putArray("prompt_ids");
      for (int id : result.promptIds()) {
        promptIds.add(id);
      }
      ArrayNode generatedIds = node.putArray("generated_ids");
      for (int id : result.generatedIds()) {
        generatedIds.add(id);
      }
      node.put("text", result.text());
      node.put("finish_reason", result.finishReason().name().toLowerCase(java.util.Locale.ROOT));
    }
    root.put("tokens_per_second", Math.round(tokensPerSecond * 100) / 100.0);
    return root;
  }
}
