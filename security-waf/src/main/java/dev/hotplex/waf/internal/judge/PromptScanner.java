package dev.hotplex.waf.internal.judge;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.hotplex.waf.internal.search.Matches;
import dev.hotplex.waf.internal.search.SearchText;
import dev.hotplex.waf.internal.search.TextSearch;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds the shell commands in a natural-language prompt and decides which of them are only talked
 * about. Commands come from code fences, inline code and prose (from any word that names a command
 * the rules know, up to the end of its sentence). A command is exempt (not judged) when it sits in a
 * question, a negation ("never run ..."), or a discussion ("why ... is dangerous") and the prompt
 * asks for nothing to be run: any execution request ("run it", "can you delete ...", "please
 * execute", "ejecuta", "执行") anywhere in the prompt voids every exemption, and so does a
 * prompt-injection marker (decided by the caller).
 */
public final class PromptScanner {
    /** A piece of the prompt to analyse as a shell script. */
    public record Candidate(String script, boolean exempt) {
    }

    /** The candidates and the prompt-level facts their exemptions were based on. */
    public record Scan(List<Candidate> candidates, boolean executionRequested) {
    }

    private static final int MAX_SPAN = 200;
    private static final int MAX_CANDIDATES = 128;
    private static final Set<String> ENGLISH_LIKE = Set.of(
            "kill", "find", "shutdown", "reboot", "halt", "poweroff", "env", "time", "nice", "watch", "cat", "at",
            "install", "format", "mount", "su", "rev", "tee", "history", "export", "set", "source", "touch", "sort",
            "head", "more", "less", "wall", "write", "script", "command", "exec", "eval", "echo", "printf", "yes",
            "sleep", "cut", "split", "join", "host", "mail", "screen", "shred", "wipe", "truncate", "alias",
            "trap", "test", "read", "open", "file", "make", "sync", "clear", "reset", "last", "id", "who", "locate",
            "chown", "link", "unlink", "shift", "top", "free", "dig", "fetch", "http", "nohup", "timeout", "flock",
            "builtin", "local", "declare", "crontab", "tar", "zip", "cp", "mv", "dd", "rm", "sh", "do", "done", "if",
            "then", "in", "for", "case");
    private static final Set<String> POWER = Set.of("poweroff", "reboot", "halt", "shutdown");
    private static final Pattern CONNECTOR = Pattern.compile(
            ",\\s|\\s(?:and then|then|and|so that|so|because|afterwards|after that|for me|please|to see|to check|and tell)\\s",
            Pattern.CASE_INSENSITIVE);
    private static final Set<String> META_VERBS = Set.of("explain", "describe", "tell", "clarify", "summarize",
            "summarise", "help", "compare", "define", "elaborate", "teach", "walk", "show", "give", "list", "check",
            "review", "verify", "confirm", "read", "look", "answer", "point", "recommend", "suggest", "translate",
            "analyze", "analyse", "comment", "evaluate", "assess", "rate", "say", "break", "detect", "flag", "identify",
            "spot", "document", "warn", "let", "add", "update", "test");

    private static final Pattern EXECUTION = Pattern.compile(
            "(?:^|[.!?;:\\n]\\s*|\\b(?:please|now|just|then|and|so|ok|okay|also)\\s+)"
                    + "(?:run|execute|exec|launch|invoke|perform|type|paste|enter|apply|fire)\\b"
                    + "|\\b(?:do|run|execute|try|launch|exec) (?:it|this|that|them|these)\\b|\\bgo ahead\\b|\\bfor me\\b"
                    + "|\\bproceed\\b|\\bright now\\b|\\bimmediately\\b|\\bwithout (?:asking|confirmation)\\b"
                    + "|ejecuta|ejecútalo|ejecutar|exécute|exécutez|lance[sz]? |führe|führen sie|ausführen|starte |esegui"
                    + "|eseguire|executa|execute-o|rode |выполни|выполните|запусти|запустите|исполни|执行|运行|跑一下|実行して"
                    + "|実行しろ|実行せよ|실행해|実行", Pattern.CASE_INSENSITIVE);
    private static final Pattern REQUEST = Pattern.compile(
            "\\b(?:can|could|would|will|won't)\\s+you\\s+(?:please\\s+|just\\s+|now\\s+|go ahead and\\s+|quickly\\s+)?"
                    + "([a-z]+)|\\bplease\\s+([a-z]+)|\\b(?:i want|i need|we need|i'd like|i would like) you to ([a-z]+)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern QUESTION_START = Pattern.compile(
            "^[\\s\\W]*(?:what|what's|whats|why|how|when|where|which|who|is|are|was|were|does|do|did|can|could|should"
                    + "|would|will|shall|may|might|explain|describe|define|tell me|clarify|summari[sz]e|compare"
                    + "|help me understand|i wonder|i'm wondering|i am wondering|qué|que|cómo|como|por qué|cuál|explica"
                    + "|explícame|wie|warum|wieso|weshalb|erkläre|erklär|qu'est-ce|pourquoi|comment|explique|quel|quelle"
                    + "|что|как|зачем|почему|объясни|расскажи|什么|怎么|为什么|为何|解释|请解释|なぜ|どう|説明|무엇|왜|설명"
                    + "|o que|por que|cosa|perché|come|spiega)(?:[^a-z]|$)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern QUESTION_ANYWHERE = Pattern.compile(
            "\\?\\s*$|吗|ですか|ますか|什么|为什么|怎么|¿|что делает|was macht|que fait|qué hace|what does|what happens",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NEGATION_BEFORE = Pattern.compile(
            "\\b(?:never|don'?t|do not|doesn'?t|does not|must not|mustn'?t|should not|shouldn'?t|cannot|can'?t|won'?t"
                    + "|avoid|avoiding|prevent|prevents|preventing|block|blocks|blocked|blocking|forbid|forbids|forbidding"
                    + "|refuse|refuses|refusing|reject|rejects|deny|denies|detect|detects|flag|flags|catch|catches|without"
                    + "|instead of|not|no|nunca|jamais|ne pas|niemals|nicht|никогда|не|不要|别|絶対に)"
                    + "(?:\\s+(?:ever|accidentally|you|it|we|they|users?|the agent|anyone|someone|to|from|be|being|allowed"
                    + "|able|let|letting|anything|commands?|like|such as|e\\.g\\.|things like|something like|calls? to)\\b){0,5}"
                    + "(?:\\s+(?:run|runs|running|execute|executes|executing|use|uses|using|call|calls|calling|type|typing"
                    + "|invoke|invoking|do|doing|allow|allowing|ejecutes|exécuter|ausführen|запускай|выполняй|执行|运行)\\b){0,2}"
                    + "(?:\\s+(?:the|a))?(?:\\s+commands?)?(?:\\s+(?:like|such as))?\\s*[`'\"(]?\\s*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DISCUSSION = Pattern.compile(
            "\\b(?:why|explain|explaining|explains|whether|dangers? of|risks? of|meaning of|difference between"
                    + "|warn(?:ing)? (?:users |people )?(?:about|against)|blog post|article about|documentation about"
                    + "|what (?:does|would|happens|is)|is it safe|safe to)\\b"
                    + "|\\b(?:is|are|was|would be)\\s+(?:so\\s+|very\\s+|extremely\\s+)?(?:dangerous|destructive|bad|risky"
                    + "|harmful|a bad idea|never safe|unsafe|evil|catastrophic)",
            Pattern.CASE_INSENSITIVE);

    private final Set<String> vocabulary;
    /** The whole-prompt expressions, searched only where their start literals occur. */
    private final TextSearch requests = new TextSearch(List.of(EXECUTION, REQUEST));

    public PromptScanner(Set<String> vocabulary) {
        this.vocabulary = Set.copyOf(vocabulary);
    }

    public Scan scan(String prompt) {
        boolean execution = executionRequested(withoutCode(prompt));
        boolean questionPrompt = !execution && isQuestionPrompt(prompt);
        List<Candidate> candidates = new ArrayList<>();
        StringBuilder fence = null;
        int lineStart = 0;
        while (lineStart <= prompt.length() && candidates.size() < MAX_CANDIDATES) {
            int newline = prompt.indexOf('\n', lineStart);
            int lineEnd = newline < 0 ? prompt.length() : newline;
            String line = prompt.substring(lineStart, lineEnd);
            String trimmed = line.strip();
            if (trimmed.startsWith("```") || trimmed.startsWith("~~~")) {
                if (fence == null) {
                    fence = new StringBuilder();
                } else {
                    candidates.add(new Candidate(fence.toString(), questionPrompt));
                    fence = null;
                }
            } else if (fence != null) {
                fence.append(line).append('\n');
            } else {
                proseLine(prompt, lineStart, lineEnd, execution, questionPrompt, candidates);
            }
            if (newline < 0) {
                break;
            }
            lineStart = newline + 1;
        }
        if (fence != null) {
            candidates.add(new Candidate(fence.toString(), questionPrompt));
        }
        return new Scan(candidates, execution);
    }

    /** Whether a text rule's match at {@code start} is only talked about (see the class comment). */
    public boolean exemptAt(String prompt, int start, boolean executionRequested, boolean quotedMentionExempt) {
        if (executionRequested) {
            return false;
        }
        if (quotedMentionExempt && start > 0 && "\"'“‘".indexOf(prompt.charAt(start - 1)) >= 0) {
            return true;
        }
        int[] sentence = sentence(prompt, start);
        String text = prompt.substring(sentence[0], sentence[1]);
        String before = prompt.substring(sentence[0], start);
        int ticks = 0;
        for (int k = 0; k < before.length(); k++) {
            ticks += before.charAt(k) == '`' ? 1 : 0;
        }
        if (ticks % 2 == 1) {
            before = before.substring(0, before.lastIndexOf('`') + 1);
        }
        return isQuestion(text) || NEGATION_BEFORE.matcher(before).find()
                || DISCUSSION.matcher(text).find() || isQuestionPrompt(prompt);
    }

    private void proseLine(String prompt, int lineStart, int lineEnd, boolean execution, boolean questionPrompt,
                           List<Candidate> candidates) {
        int i = lineStart;
        while (i < lineEnd && candidates.size() < MAX_CANDIDATES) {
            char c = prompt.charAt(i);
            if (c == '`') {
                int run = i;
                while (run < lineEnd && prompt.charAt(run) == '`') {
                    run++;
                }
                String ticks = prompt.substring(i, run);
                int close = prompt.indexOf(ticks, run);
                if (close > 0 && close <= lineEnd) {
                    boolean exempt = !execution && (questionPrompt || contextExempt(prompt, i, close));
                    candidates.add(new Candidate(prompt.substring(run, close), exempt));
                    i = close + ticks.length();
                    continue;
                }
                i = run;
                continue;
            }
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int tokenEnd = i;
            while (tokenEnd < lineEnd && !Character.isWhitespace(prompt.charAt(tokenEnd))) {
                tokenEnd++;
            }
            int start = i;
            int quotes = 0;
            for (int k = i; k < tokenEnd; k++) {
                quotes += prompt.charAt(k) == '"' || prompt.charAt(k) == '\'' ? 1 : 0;
            }
            String skippable = quotes % 2 == 1 ? "([<>:;,\"'" : "([<>:;,";
            while (start < tokenEnd && skippable.indexOf(prompt.charAt(start)) >= 0 && start < tokenEnd - 1) {
                start++;
            }
            String token = prompt.substring(start, tokenEnd);
            String name = bareName(token);
            boolean obfuscated = token.contains("\\") || token.contains("$'") || token.contains("${")
                    || token.contains("''") || token.contains("\"\"") || token.startsWith("{") && token.contains(",");
            boolean assignment = isAssignment(token);
            if (vocabulary.contains(name) || obfuscated || assignment) {
                int end = spanEnd(prompt, start, lineEnd);
                String span = trimTrailing(prompt.substring(start, end));
                if (!ENGLISH_LIKE.contains(name) || commandLike(span) || obfuscated || token.contains("/")
                        || POWER.contains(name) && prompt.substring(sentence(prompt, start)[0], start).isBlank()) {
                    boolean exempt = !execution && (questionPrompt || contextExempt(prompt, start, end));
                    candidates.add(new Candidate(span, exempt));
                }
            }
            i = tokenEnd;
        }
    }

    private static boolean isAssignment(String token) {
        int eq = token.indexOf('=');
        if (eq <= 0 || eq == token.length() - 1) {
            return false;
        }
        for (int k = 0; k < eq; k++) {
            char c = token.charAt(k);
            if (!(Character.isLetter(c) && c < 128 || c == '_' || k > 0 && Character.isDigit(c))) {
                return false;
            }
        }
        return token.endsWith(";") || token.contains("/") || token.contains("$") || token.contains("=\"")
                || token.contains("='");
    }

    private boolean contextExempt(String prompt, int start, int end) {
        int[] sentence = sentence(prompt, start);
        String text = prompt.substring(sentence[0], Math.max(sentence[1], Math.min(end, prompt.length())));
        String before = prompt.substring(sentence[0], start);
        return isQuestion(text) || NEGATION_BEFORE.matcher(before).find() || DISCUSSION.matcher(text).find();
    }

    private static String bareName(String token) {
        StringBuilder bare = new StringBuilder(token.length());
        for (int k = 0; k < token.length(); k++) {
            char ch = token.charAt(k);
            if (ch != '\\' && ch != '"' && ch != '\'' && ch != '`') {
                bare.append(ch);
            }
        }
        String name = bare.toString();
        int slash = name.lastIndexOf('/');
        if (slash >= 0 && slash < name.length() - 1) {
            name = name.substring(slash + 1);
        }
        while (!name.isEmpty() && ",.;:!?)".indexOf(name.charAt(name.length() - 1)) >= 0) {
            name = name.substring(0, name.length() - 1);
        }
        return name.toLowerCase(Locale.ROOT);
    }

    private static boolean commandLike(String span) {
        String[] tokens = span.split("\\s+");
        for (int k = 1; k < tokens.length; k++) {
            String token = tokens[k];
            if (token.isEmpty()) {
                continue;
            }
            char first = token.charAt(0);
            if ("-/~$.*{<>|@:&;".indexOf(first) >= 0 || token.contains("/") || token.contains("=")
                    || token.contains("|") || token.contains(">") || token.contains(";")) {
                return true;
            }
        }
        return false;
    }

    private static int spanEnd(String prompt, int start, int lineEnd) {
        int limit = Math.min(lineEnd, start + MAX_SPAN);
        Matcher connector = CONNECTOR.matcher(prompt.substring(start, limit));
        if (connector.find()) {
            limit = start + connector.start();
        }
        for (int k = start + 1; k < limit; k++) {
            char c = prompt.charAt(k);
            char next = k + 1 < prompt.length() ? prompt.charAt(k + 1) : '\n';
            char after = k + 2 < prompt.length() ? prompt.charAt(k + 2) : '\n';
            if ((c == '.' || c == '?' || c == '!') && next == ' ' && Character.isUpperCase(after)
                    || (c == '?' || c == '!') && k + 1 >= lineEnd || c == '。' || c == '？' || c == '！') {
                return k;
            }
        }
        return limit;
    }

    private static String trimTrailing(String span) {
        String trimmed = span.strip();
        while (trimmed.length() > 1 && ",!?)\"'`。".indexOf(trimmed.charAt(trimmed.length() - 1)) >= 0) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (trimmed.length() > 2 && trimmed.endsWith(".") && !trimmed.endsWith("..")
                && !trimmed.endsWith(" .") && !trimmed.endsWith("/.")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }

    /** Start and end of the sentence around {@code at}, looking at most 400 characters either way. */
    private static int[] sentence(String prompt, int at) {
        int start = at;
        int floor = Math.max(0, at - 400);
        while (start > floor) {
            char c = prompt.charAt(start - 1);
            if (c == '\n' || c == '。' || c == '？' || c == '！'
                    || (c == '.' || c == '?' || c == '!') && start < prompt.length() && prompt.charAt(start) == ' ') {
                break;
            }
            start--;
        }
        int end = at;
        int ceiling = Math.min(prompt.length(), at + 400);
        while (end < ceiling) {
            char c = prompt.charAt(end);
            if (c == '\n') {
                break;
            }
            end++;
            if (c == '。' || c == '？' || c == '！'
                    || (c == '.' || c == '?' || c == '!') && (end >= prompt.length() || prompt.charAt(end) == ' '
                    || prompt.charAt(end) == '\n')) {
                break;
            }
        }
        return new int[] {start, end};
    }

    private static boolean isQuestion(String sentence) {
        String trimmed = sentence.strip();
        return QUESTION_START.matcher(trimmed).find() || QUESTION_ANYWHERE.matcher(trimmed).find();
    }

    /** A prompt that as a whole asks a question (and, checked by the caller, requests nothing to run). */
    private static boolean isQuestionPrompt(String prompt) {
        String head = prompt.length() > 400 ? prompt.substring(0, 400) : prompt;
        String tail = prompt.length() > 400 ? prompt.substring(prompt.length() - 400) : prompt;
        return QUESTION_START.matcher(head.strip()).find() || tail.strip().endsWith("?")
                || tail.strip().endsWith("？");
    }

    /** The prompt with code fences and inline code blanked out: commands are not requests. */
    private static String withoutCode(String prompt) {
        StringBuilder prose = new StringBuilder(prompt.length());
        boolean fence = false;
        for (String line : prompt.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("```") || trimmed.startsWith("~~~")) {
                fence = !fence;
                prose.append('\n');
                continue;
            }
            if (fence) {
                prose.append('\n');
                continue;
            }
            boolean code = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '`') {
                    code = !code;
                    prose.append(' ');
                } else {
                    prose.append(code ? ' ' : c);
                }
            }
            prose.append('\n');
        }
        return prose.toString();
    }

    private boolean executionRequested(String prompt) {
        SearchText text = requests.prepare(prompt);
        if (requests.matches(EXECUTION, text).find()) {
            return true;
        }
        Matches request = requests.matches(REQUEST, text);
        int seen = 0;
        while (request.find() && seen++ < 64) {
            for (int group = 1; group <= 3; group++) {
                String verb = request.group(group);
                if (verb != null && !META_VERBS.contains(verb.toLowerCase(Locale.ROOT))) {
                    return true;
                }
            }
        }
        return false;
    }
}
