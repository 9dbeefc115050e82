package dev.hotplex.waf.internal.audit;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;

import java.util.List;

/**
 * Masks secrets before text is logged or shown: private key blocks, well-known token formats (AWS,
 * GitHub, GitLab, Slack, OpenAI/Anthropic, Google, Stripe, JWTs), bearer and basic credentials,
 * passwords in URLs, and values of {@code password=}, {@code token:}, {@code --password} and the
 * like. Linear time (RE2).
 */
public final class Redactor {
    private static final String MASK = "[REDACTED]";
    private static final List<Pattern> WHOLE = List.of(
            Pattern.compile("-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----(?s:.*?)(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)"),
            Pattern.compile("\\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA)[0-9A-Z]{16}\\b"),
            Pattern.compile("\\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{20,}|glpat-[A-Za-z0-9_-]{20,})"),
            Pattern.compile("\\bxox[abprse]-[A-Za-z0-9-]{10,}"),
            Pattern.compile("\\bsk-(?:ant-|proj-|live-|test-)?[A-Za-z0-9_-]{20,}"),
            Pattern.compile("\\b(?:rk|pk|sk)_(?:live|test)_[A-Za-z0-9]{16,}"),
            Pattern.compile("\\bAIza[0-9A-Za-z_-]{35}"),
            Pattern.compile("\\beyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}"),
            Pattern.compile("\\bnpm_[A-Za-z0-9]{30,}"),
            Pattern.compile("\\bhf_[A-Za-z0-9]{30,}"));
    /** Group 1 is kept, group 2 is masked. */
    private static final List<Pattern> VALUES = List.of(
            Pattern.compile("(?i)(\\b(?:bearer|basic|token)\\s+)([A-Za-z0-9._~+/=-]{8,})"),
            Pattern.compile("(://[^/\\s:@]+:)([^@\\s/]+)(?:@)"),
            Pattern.compile("(?i)((?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key"
                    + "|client[_-]?secret|auth|credentials?)[\"']?\\s*[:=]\\s*[\"']?)([^\\s\"',;&]{3,})"),
            Pattern.compile("(?i)(--(?:password|passwd|token|secret|api-key|access-key)[= ])(\\S+)"),
            Pattern.compile("(?i)(\\b(?:mysql|mysqladmin|mysqldump)\\b[^\\n]*?\\s-p)([^\\s-][^\\s]*)"));

    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text == null ? "" : text;
        }
        String result = text;
        for (Pattern pattern : WHOLE) {
            result = pattern.matcher(result).replaceAll(MASK);
        }
        for (Pattern pattern : VALUES) {
            Matcher matcher = pattern.matcher(result);
            StringBuilder out = new StringBuilder();
            int last = 0;
            while (matcher.find()) {
                out.append(result, last, matcher.start(2)).append(MASK);
                last = matcher.end(2);
            }
            out.append(result.substring(last));
            result = out.toString();
        }
        return result;
    }
}
