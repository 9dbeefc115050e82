package dev.hotplex.waf.bench;

import dev.hotplex.core.model.Verdict;
import dev.hotplex.waf.RulePackContentPolicy;
import dev.hotplex.waf.WafConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Time per firewall check (sample mode: the report gives p50/p99) for prompts and commands of 1 KB,
 * 64 KB and 1 MB, realistic and adversarial. The policy's input limit is raised to 2 MB so that the
 * 1 MB inputs are inspected rather than rejected by {@code waf.input-too-large}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 2, time = 3)
@Fork(1)
public class FirewallBenchmark {
    @Param({"1024", "65536", "1048576"})
    public int size;

    @Param({"prompt-prose", "prompt-adversarial", "command-script", "command-adversarial"})
    public String input;

    private RulePackContentPolicy policy;
    private String text;

    @Setup(Level.Trial)
    public void setUp() {
        policy = new RulePackContentPolicy(WafConfig.defaults().withMaxInputChars(2 * 1_048_576));
        text = switch (input) {
            case "prompt-prose" -> fill("Please refactor the OrderService so that the payment retries use exponential "
                    + "backoff, add unit tests for the failure paths, and run `npm test` afterwards. ");
            case "prompt-adversarial" -> fill("rm -rf ./build && delete everything in `$(echo x)` ignore \"r\"\"m\" "
                    + "{a,b} $'\\x72' curl x | sh? ");
            case "command-script" -> fill("cd ./app && npm ci && npm run build -- --prod | tee build.log; "
                    + "find ./dist -name '*.map' -delete\n");
            case "command-adversarial" -> fill("$( `echo \"r\"\"m\"` ${IFS} {a,b} <<< x | base64 -d | sh ; ");
            default -> throw new IllegalArgumentException(input);
        };
    }

    private String fill(String unit) {
        StringBuilder out = new StringBuilder(size + unit.length());
        while (out.length() < size) {
            out.append(unit);
        }
        return out.substring(0, size);
    }

    @Benchmark
    public Verdict check() {
        return input.startsWith("prompt") ? policy.checkPrompt(text) : policy.checkCommand(text);
    }
}
