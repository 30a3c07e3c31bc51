function __jacobi_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __jacobi_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __jacobi_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __jacobi_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __jacobi_parse_tokens -S
    set -l unparsed_tokens (__jacobi_tokens -pc)
    switch $unparsed_tokens[1]
    case 'jacobi'
        __jacobi_parse_subcommand 0 'e=+' 'precision=' 'json' 'no-color' 'ascii' 'stop-on-error' 'memory=' 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'run'
            __jacobi_parse_subcommand 1 'precision=' 'json' 'no-color' 'ascii' 'stop-on-error' 'memory=' 'version' 'h/help'
        case 'derive'
            __jacobi_parse_subcommand -r 1 'precision=' 'json' 'no-color' 'ascii' 'stop-on-error' 'memory=' 'version' 'h/help'
        case 'check'
            __jacobi_parse_subcommand 1 'format=' 'explain' 'precision=' 'json' 'no-color' 'ascii' 'stop-on-error' 'memory=' 'version' 'h/help'
        case 'drill'
            __jacobi_parse_subcommand -r 1 'wrt=' 'seed=' 'slip=' 'format=' 'answers' 'precision=' 'json' 'no-color' 'ascii' 'stop-on-error' 'memory=' 'version' 'h/help'
        case 'lesson'
            __jacobi_parse_subcommand 1 'reset' 'precision=' 'json' 'no-color' 'ascii' 'stop-on-error' 'memory=' 'version' 'h/help'
        case 'lessons'
            __jacobi_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'list'
                __jacobi_parse_subcommand 0 'precision=' 'json' 'no-color' 'ascii' 'stop-on-error' 'memory=' 'version' 'h/help'
            case 'check'
                __jacobi_parse_subcommand 1 'precision=' 'json' 'no-color' 'ascii' 'stop-on-error' 'memory=' 'version' 'h/help'
            end
        case 'present'
            __jacobi_parse_subcommand 1 'export=' 'output=' 'force' 'teacher' 'precision=' 'json' 'no-color' 'ascii' 'stop-on-error' 'memory=' 'version' 'h/help'
        case 'bench'
            __jacobi_parse_subcommand 1 'budget=' 'setup=+' 'precision=' 'json' 'no-color' 'ascii' 'stop-on-error' 'memory=' 'version' 'h/help'
        case 'help'
            __jacobi_parse_subcommand -r 1 'version'
        end
    end
end

function __jacobi_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __jacobi_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __jacobi_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __jacobi_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__jacobi_tokens -p)
    if test -z "$(__jacobi_tokens -t)"
        set -l index (count (__jacobi_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'jacobi' -f
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi"' -s 'e' -d 'Evaluate EXPR and print the result.' -rfka ''
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi" precision' -l 'precision' -d 'Significant digits shown (1 to 17).' -rfka ''
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi" json' -l 'json' -d 'Print results as exact JSON.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi" no-color' -l 'no-color' -d 'Never use colour (NO_COLOR is honoured too).'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi" ascii' -l 'ascii' -d 'Use ASCII only, for terminals without Unicode.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi" stop-on-error' -l 'stop-on-error' -d 'Stop a script at its first error.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi" memory' -l 'memory' -d 'The most memory the session\'s numbers may take, such as 2G or 500M (default: JACOBI_MEMORY, else half of the machine\'s).' -rfka ''
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi" version' -l 'version' -d 'Show the version.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_positional "jacobi" -eq 1' -fa 'run' -d 'Run a script of Jacobi lines.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_positional "jacobi" -eq 1' -fa 'derive' -d 'Derive a catalog entry or an expression step by step, with the numbers beside each step.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_positional "jacobi" -eq 1' -fa 'check' -d 'Check a derivation of your own, line by line: the first wrong step, and the slip.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_positional "jacobi" -eq 1' -fa 'drill' -d 'Find the error: a derivation with one planted slip; name the wrong line, then the slip.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_positional "jacobi" -eq 1' -fa 'lesson' -d 'Take a lesson: you stay at the prompt, and your progress is saved after every step.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_positional "jacobi" -eq 1' -fa 'lessons' -d 'List the lessons with your progress, or check them as an author.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_positional "jacobi" -eq 1' -fa 'present' -d 'Present a lesson to a class, one step per key; or export it as a Markdown handout.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_positional "jacobi" -eq 1' -fa 'bench' -d 'Time an expression over many runs: median, spread, runs and memory.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_positional "jacobi" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi run" precision' -l 'precision' -d 'Significant digits shown (1 to 17).' -rfka ''
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi run" json' -l 'json' -d 'Print results as exact JSON.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi run" no-color' -l 'no-color' -d 'Never use colour (NO_COLOR is honoured too).'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi run" ascii' -l 'ascii' -d 'Use ASCII only, for terminals without Unicode.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi run" stop-on-error' -l 'stop-on-error' -d 'Stop a script at its first error.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi run" memory' -l 'memory' -d 'The most memory the session\'s numbers may take, such as 2G or 500M (default: JACOBI_MEMORY, else half of the machine\'s).' -rfka ''
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi run" version' -l 'version' -d 'Show the version.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi run" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_positional "jacobi derive" -ge 1' -fka '(__jacobi_custom_completion ---completion derive -- positional@0 (count (__jacobi_tokens -pc)) (__jacobi_tokens -tC))'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi derive" precision' -l 'precision' -d 'Significant digits shown (1 to 17).' -rfka ''
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi derive" json' -l 'json' -d 'Print results as exact JSON.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi derive" no-color' -l 'no-color' -d 'Never use colour (NO_COLOR is honoured too).'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi derive" ascii' -l 'ascii' -d 'Use ASCII only, for terminals without Unicode.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi derive" stop-on-error' -l 'stop-on-error' -d 'Stop a script at its first error.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi derive" memory' -l 'memory' -d 'The most memory the session\'s numbers may take, such as 2G or 500M (default: JACOBI_MEMORY, else half of the machine\'s).' -rfka ''
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi derive" version' -l 'version' -d 'Show the version.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi derive" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi check" format' -l 'format' -d 'text or json.' -rfka ''
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi check" explain' -l 'explain' -d 'Show the engine\'s derivation of the same start at the first wrong line.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi check" precision' -l 'precision' -d 'Significant digits shown (1 to 17).' -rfka ''
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi check" json' -l 'json' -d 'Print results as exact JSON.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi check" no-color' -l 'no-color' -d 'Never use colour (NO_COLOR is honoured too).'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi check" ascii' -l 'ascii' -d 'Use ASCII only, for terminals without Unicode.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi check" stop-on-error' -l 'stop-on-error' -d 'Stop a script at its first error.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi check" memory' -l 'memory' -d 'The most memory the session\'s numbers may take, such as 2G or 500M (default: JACOBI_MEMORY, else half of the machine\'s).' -rfka ''
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi check" version' -l 'version' -d 'Show the version.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi check" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_positional "jacobi drill" -ge 1' -fka '(__jacobi_custom_completion ---completion drill -- positional@0 (count (__jacobi_tokens -pc)) (__jacobi_tokens -tC))'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi drill" wrt' -l 'wrt' -d 'The variable, for an expression (z_j, x).' -rfka ''
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi drill" seed' -l 'seed' -d 'Makes the drill reproducible: the same seed gives the same drill.' -rfka ''
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi drill" slip' -l 'slip' -d 'Plants this kind of slip.' -rfka ''
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi drill" format' -l 'format' -d 'text (asks the questions) or json (prints the drill).' -rfka ''
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi drill" answers' -l 'answers' -d 'Print the drill with what was planted (a teacher\'s key); asks nothing.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi drill" precision' -l 'precision' -d 'Significant digits shown (1 to 17).' -rfka ''
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi drill" json' -l 'json' -d 'Print results as exact JSON.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi drill" no-color' -l 'no-color' -d 'Never use colour (NO_COLOR is honoured too).'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi drill" ascii' -l 'ascii' -d 'Use ASCII only, for terminals without Unicode.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi drill" stop-on-error' -l 'stop-on-error' -d 'Stop a script at its first error.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi drill" memory' -l 'memory' -d 'The most memory the session\'s numbers may take, such as 2G or 500M (default: JACOBI_MEMORY, else half of the machine\'s).' -rfka ''
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi drill" version' -l 'version' -d 'Show the version.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi drill" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_positional "jacobi lesson" -eq 1' -fka '(__jacobi_custom_completion ---completion lesson -- positional@0 (count (__jacobi_tokens -pc)) (__jacobi_tokens -tC))'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi lesson" reset' -l 'reset' -d 'Forget your progress in this lesson and start from the beginning.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi lesson" precision' -l 'precision' -d 'Significant digits shown (1 to 17).' -rfka ''
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi lesson" json' -l 'json' -d 'Print results as exact JSON.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi lesson" no-color' -l 'no-color' -d 'Never use colour (NO_COLOR is honoured too).'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi lesson" ascii' -l 'ascii' -d 'Use ASCII only, for terminals without Unicode.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi lesson" stop-on-error' -l 'stop-on-error' -d 'Stop a script at its first error.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi lesson" memory' -l 'memory' -d 'The most memory the session\'s numbers may take, such as 2G or 500M (default: JACOBI_MEMORY, else half of the machine\'s).' -rfka ''
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi lesson" version' -l 'version' -d 'Show the version.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi lesson" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi lessons" version' -l 'version' -d 'Show the version.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi lessons" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_positional "jacobi lessons" -eq 1' -fa 'list' -d 'List every lesson with its length and your progress.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_positional "jacobi lessons" -eq 1' -fa 'check' -d 'Run every lesson without a learner: demos, derivations, answers and mistakes; status 1 on any failure.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi lessons list" precision' -l 'precision' -d 'Significant digits shown (1 to 17).' -rfka ''
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi lessons list" json' -l 'json' -d 'Print results as exact JSON.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi lessons list" no-color' -l 'no-color' -d 'Never use colour (NO_COLOR is honoured too).'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi lessons list" ascii' -l 'ascii' -d 'Use ASCII only, for terminals without Unicode.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi lessons list" stop-on-error' -l 'stop-on-error' -d 'Stop a script at its first error.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi lessons list" memory' -l 'memory' -d 'The most memory the session\'s numbers may take, such as 2G or 500M (default: JACOBI_MEMORY, else half of the machine\'s).' -rfka ''
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi lessons list" version' -l 'version' -d 'Show the version.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi lessons list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi lessons check" precision' -l 'precision' -d 'Significant digits shown (1 to 17).' -rfka ''
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi lessons check" json' -l 'json' -d 'Print results as exact JSON.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi lessons check" no-color' -l 'no-color' -d 'Never use colour (NO_COLOR is honoured too).'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi lessons check" ascii' -l 'ascii' -d 'Use ASCII only, for terminals without Unicode.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi lessons check" stop-on-error' -l 'stop-on-error' -d 'Stop a script at its first error.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi lessons check" memory' -l 'memory' -d 'The most memory the session\'s numbers may take, such as 2G or 500M (default: JACOBI_MEMORY, else half of the machine\'s).' -rfka ''
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi lessons check" version' -l 'version' -d 'Show the version.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi lessons check" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_positional "jacobi present" -eq 1' -fka '(__jacobi_custom_completion ---completion present -- positional@0 (count (__jacobi_tokens -pc)) (__jacobi_tokens -tC))'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi present" export' -l 'export' -d 'Write the lesson as a handout instead, with every output filled in: markdown.' -rfka ''
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi present" output' -l 'output' -d 'Write the handout to FILE instead of standard output (implies --export markdown).' -rfka ''
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi present" force' -l 'force' -d 'With --output: replace an existing FILE without asking, and write through a symbolic link.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi present" teacher' -l 'teacher' -d 'In the handout, the teacher\'s version: each question\'s answer, other accepted forms, hints and expected mistakes.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi present" precision' -l 'precision' -d 'Significant digits shown (1 to 17).' -rfka ''
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi present" json' -l 'json' -d 'Print results as exact JSON.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi present" no-color' -l 'no-color' -d 'Never use colour (NO_COLOR is honoured too).'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi present" ascii' -l 'ascii' -d 'Use ASCII only, for terminals without Unicode.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi present" stop-on-error' -l 'stop-on-error' -d 'Stop a script at its first error.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi present" memory' -l 'memory' -d 'The most memory the session\'s numbers may take, such as 2G or 500M (default: JACOBI_MEMORY, else half of the machine\'s).' -rfka ''
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi present" version' -l 'version' -d 'Show the version.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi present" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi bench" budget' -l 'budget' -d 'How long to keep timing: 3s, 500ms, or seconds (default 1s).' -rfka ''
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi bench"' -l 'setup' -d 'A line to run once before timing, such as \'z = randn(1000)\' (repeatable).' -rfka ''
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi bench" precision' -l 'precision' -d 'Significant digits shown (1 to 17).' -rfka ''
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi bench" json' -l 'json' -d 'Print results as exact JSON.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi bench" no-color' -l 'no-color' -d 'Never use colour (NO_COLOR is honoured too).'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi bench" ascii' -l 'ascii' -d 'Use ASCII only, for terminals without Unicode.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi bench" stop-on-error' -l 'stop-on-error' -d 'Stop a script at its first error.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi bench" memory' -l 'memory' -d 'The most memory the session\'s numbers may take, such as 2G or 500M (default: JACOBI_MEMORY, else half of the machine\'s).' -rfka ''
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi bench" version' -l 'version' -d 'Show the version.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi bench" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'jacobi' -n '__jacobi_should_offer_completions_for_flags_or_options "jacobi help" version' -l 'version' -d 'Show the version.'
