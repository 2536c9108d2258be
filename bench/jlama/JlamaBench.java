// Benchmark-only, run by bench/jlama.sh under JDK 21+ (single-file source launch):
//   java --add-modules jdk.incubator.vector -cp "<jlama jars>" bench/jlama/JlamaBench.java MODEL_DIR [NEW] [PROMPT] [ROUNDS]
// Times Jlama 0.8.4 greedy decoding at batch 1 on a GPT-2-shaped fp32 checkpoint (written by
// `lullabeam make-checkpoint --shape gpt2-124m`), the way lullabeam's bench-lm times its own: a prompt
// pass, then NEW single-token steps, each a forward pass plus the output head and argmax
// (AbstractModel.sample with temperature 0, as Jlama's own generate loop does). Working memory fp32,
// no quantization of weights or activations. Jlama decodes one sequence at a time (its batchForward is
// the prompt pass of one sequence), so there is no batch-16 figure. Prints the best of ROUNDS after a
// warm-up round, and a machine-readable line "RESULT jlama batch1_tokens_per_s=...".
import com.github.tjake.jlama.model.AbstractModel;
import com.github.tjake.jlama.model.ModelSupport;
import com.github.tjake.jlama.safetensors.DType;
import com.github.tjake.jlama.tensor.AbstractTensor;
import com.github.tjake.jlama.tensor.KvBufferCache;
import java.io.File;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;

public class JlamaBench {
  public static void main(String[] args) throws Exception {
    File modelDir = new File(args[0]);
    int newTokens = args.length > 1 ? Integer.parseInt(args[1]) : 32;
    int promptLength = args.length > 2 ? Integer.parseInt(args[2]) : 32;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    AbstractModel model = ModelSupport.loadModel(modelDir, DType.F32, DType.F32);
    int vocab = model.getConfig().vocabularySize;
    System.out.printf(Locale.ROOT, "Jlama 0.8.4 on Java %s, %d cores visible, working memory F32, %s%n",
        Runtime.version(), Runtime.getRuntime().availableProcessors(), modelDir);
    AbstractTensor logits = model.makeDenseTensor(vocab);
    double best = 0;
    int[] lastTokens = null;
    for (int round = 0; round <= rounds; round++) {
      SplittableRandom random = new SplittableRandom(1000L + promptLength); // bench-lm's batch-1 prompt seed
      int[] prompt = new int[promptLength];
      for (int t = 0; t < promptLength; t++) {
        prompt[t] = random.nextInt(Math.min(50000, vocab - 1));
      }
      try (KvBufferCache cache = new KvBufferCache(model)) {
        KvBufferCache.KvBuffer kv = cache.getKvBuffer(UUID.randomUUID());
        long start = System.nanoTime();
        AbstractTensor out = model.batchForward(prompt, 0, kv);
        int next = model.sample(out.slice(out.shape().first() - 1), 0f, 0f, logits);
        out.close();
        long promptNanos = System.nanoTime() - start;
        int[] tokens = new int[newTokens];
        tokens[0] = next;
        long decodeStart = System.nanoTime();
        for (int i = 1; i < newTokens; i++) {
          AbstractTensor step = model.forward(next, promptLength + i - 1, kv, Optional.empty());
          next = model.sample(step, 0f, 0f, logits);
          step.close();
          tokens[i] = next;
        }
        double seconds = (System.nanoTime() - decodeStart) / 1e9;
        double tokensPerSecond = (newTokens - 1) / seconds;
        if (round == 0) {
          System.out.printf(Locale.ROOT, "warm-up: prompt %d tokens %.2f s, decode %.1f tokens/s%n", promptLength,
              promptNanos / 1e9, tokensPerSecond);
        } else {
          System.out.printf(Locale.ROOT, "round %d: prompt %d tokens %.2f s, decode %d tokens in %.2f s = %.1f tokens/s%n",
              round, promptLength, promptNanos / 1e9, newTokens - 1, seconds, tokensPerSecond);
          best = Math.max(best, tokensPerSecond);
        }
        lastTokens = tokens;
      }
    }
    System.out.println("first greedy ids: " + java.util.Arrays.toString(java.util.Arrays.copyOf(lastTokens, 8)));
    System.out.printf(Locale.ROOT, "RESULT jlama batch1_tokens_per_s=%.1f%n", best);
    System.exit(0); // Jlama's thread pools are not daemons
  }
}
