
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'workbook' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'workbook'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'workbook' {
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print each step (load, compile, export, finish, write) with its time')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each step (load, compile, export, finish, write) with its time')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('build', 'build', [CompletionResultType]::ParameterValue, 'Build one workbook as a PDF')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the chapters and exercises with their ids')
            [CompletionResult]::new('batch', 'batch', [CompletionResultType]::ParameterValue, 'Build one workbook per row of a CSV file (columns: names, and optionally output, start-date, days, paper, sides, photo, note, skip, password, split, lang, region, format)')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write a commented starter workbook.toml')
            [CompletionResult]::new('eject', 'eject', [CompletionResultType]::ParameterValue, 'Write the guide, templates and assets into a folder as a plain Typst project, to edit and build with --sources (or with `typst compile`)')
            [CompletionResult]::new('preview', 'preview', [CompletionResultType]::ParameterValue, 'Render chosen pages to PNG, to check the branding and contacts before building many workbooks (-o names the folder)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script (bash, zsh, fish, powershell, elvish)')
            [CompletionResult]::new('manpage', 'manpage', [CompletionResultType]::ParameterValue, 'Write man pages for workbook and each subcommand into a folder')
            [CompletionResult]::new('answers', 'answers', [CompletionResultType]::ParameterValue, 'Read the answers typed into a filled-in workbook (built with --fillable), grouped by part, exercise and partner')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Run the whole tool in a web browser on this computer: every job is a page, and nothing leaves the machine')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'workbook;build' {
            [CompletionResult]::new('--names', '--names', [CompletionResultType]::ParameterName, 'The two partners'' names, separated by ''&'', e.g. "Ana & Ben"')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'A workbook.toml to read [default: ./workbook.toml when it exists]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'A workbook.toml to read [default: ./workbook.toml when it exists]')
            [CompletionResult]::new('--sources', '--sources', [CompletionResultType]::ParameterName, 'An ejected, edited project folder to build from instead of the built-in guide')
            [CompletionResult]::new('--photo', '--photo', [CompletionResultType]::ParameterName, 'A photo for the cover (PNG, JPEG or WebP)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Where to write the PDF [default: workbook-<a>-<b>.pdf in this folder]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Where to write the PDF [default: workbook-<a>-<b>.pdf in this folder]')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'The book''s language: en (English) or es (español) [default: en]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Where the couple live, as a two-letter country code (US, MX, ES…): the safety pages then list that country''s numbers when the practice gives none [default: every country the language''s edition knows]')
            [CompletionResult]::new('--edition', '--edition', [CompletionResultType]::ParameterName, 'Which book: the couple''s workbook, or the counselor''s facilitator guide (session plan, screening, chapter notes; no --names needed) [default: couple]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'A PDF to print or fill in, or one self-contained HTML page to read and write in on any screen, kept on the device [default: pdf]')
            [CompletionResult]::new('--paper', '--paper', [CompletionResultType]::ParameterName, 'Paper size [default: from the locale: letter in the US, Canada and similar, A4 elsewhere]')
            [CompletionResult]::new('--sides', '--sides', [CompletionResultType]::ParameterName, 'One-sided, or two-sided with mirrored margins and chapters on right-hand pages')
            [CompletionResult]::new('--ruling', '--ruling', [CompletionResultType]::ParameterName, 'Distance between write-in lines: wide 8.7 mm, college 7.1 mm [default: wide]')
            [CompletionResult]::new('--pdf-standard', '--pdf-standard', [CompletionResultType]::ParameterName, 'PDF standards to conform to (repeatable) [default: ua-1; none for a booklet]')
            [CompletionResult]::new('--start-date', '--start-date', [CompletionResultType]::ParameterName, 'The first day of the dated logs (YYYY-MM-DD, or 01.12.2026); without it, date cells are left blank')
            [CompletionResult]::new('--date-order', '--date-order', [CompletionResultType]::ParameterName, 'In a start date written with slashes, which comes first: dmy (08/12/2026 is 8 December) or mdy (August 12); 01.12.2026 is always day first')
            [CompletionResult]::new('--days', '--days', [CompletionResultType]::ParameterName, 'How many days the daily logs run (1 to 366) [default: 28]')
            [CompletionResult]::new('--skip', '--skip', [CompletionResultType]::ParameterName, 'Leave out a chapter, front or back matter part, or exercise (repeatable)')
            [CompletionResult]::new('--only', '--only', [CompletionResultType]::ParameterName, 'Print only these chapters, parts or exercises (repeatable); the safety note always stays')
            [CompletionResult]::new('--time-limit', '--time-limit', [CompletionResultType]::ParameterName, 'Stop a build from --sources that takes longer than this many seconds [default: 60]')
            [CompletionResult]::new('--memory-limit', '--memory-limit', [CompletionResultType]::ParameterName, 'Stop a build from --sources that uses more memory than this many MiB [default: 2048]')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Lock the PDF with the password on this file''s first line (AES-256); or set WORKBOOK_PASSWORD. Never given on the command line itself')
            [CompletionResult]::new('--partner1-password-file', '--partner1-password-file', [CompletionResultType]::ParameterName, 'With --split partners: lock the first partner''s own file with the password on this file''s first line, which only they should know')
            [CompletionResult]::new('--partner2-password-file', '--partner2-password-file', [CompletionResultType]::ParameterName, 'With --split partners: lock the second partner''s own file with the password on this file''s first line, which only they should know')
            [CompletionResult]::new('--font-path', '--font-path', [CompletionResultType]::ParameterName, 'A folder of extra fonts, for names in scripts the built-in fonts lack (repeatable)')
            [CompletionResult]::new('--handout', '--handout', [CompletionResultType]::ParameterName, 'Print only this exercise, as a one- or two-page handout with the support numbers (repeatable; --names optional)')
            [CompletionResult]::new('--split', '--split', [CompletionResultType]::ParameterName, '`partners`: write the shared workbook and each partner''s own pages as three files')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace what workbook otherwise keeps: a PDF holding filled-in answers, a locked one, or one workbook did not write (eject: the files already in the folder)')
            [CompletionResult]::new('--booklet', '--booklet', [CompletionResultType]::ParameterName, 'Impose pages two per sheet for a folded, stapled booklet (A5 on A4, half-letter on Letter)')
            [CompletionResult]::new('--no-booklet', '--no-booklet', [CompletionResultType]::ParameterName, 'Not a booklet, whatever workbook.toml says')
            [CompletionResult]::new('--ink-saver', '--ink-saver', [CompletionResultType]::ParameterName, 'No tinted backgrounds or filled boxes, only thin outlines')
            [CompletionResult]::new('--no-ink-saver', '--no-ink-saver', [CompletionResultType]::ParameterName, 'Tinted backgrounds as usual, whatever workbook.toml says')
            [CompletionResult]::new('--fillable', '--fillable', [CompletionResultType]::ParameterName, 'Form fields over every write-in area, to type into on screen (not with --booklet)')
            [CompletionResult]::new('--no-fillable', '--no-fillable', [CompletionResultType]::ParameterName, 'No form fields, whatever workbook.toml says')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print each step (load, compile, export, finish, write) with its time')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each step (load, compile, export, finish, write) with its time')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'workbook;list' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'A workbook.toml whose sources and extra exercises to include')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'A workbook.toml whose sources and extra exercises to include')
            [CompletionResult]::new('--sources', '--sources', [CompletionResultType]::ParameterName, 'An ejected project folder to list instead of the built-in guide')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'List the guide in this language: en or es [default: en, or `lang` in workbook.toml]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print each step (load, compile, export, finish, write) with its time')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each step (load, compile, export, finish, write) with its time')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'workbook;batch' {
            [CompletionResult]::new('--out-dir', '--out-dir', [CompletionResultType]::ParameterName, 'The folder for the PDFs [default: this folder]')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'How many workbooks to build at once [default: half the number of cores]')
            [CompletionResult]::new('--preview', '--preview', [CompletionResultType]::ParameterName, 'Instead of building, write proof images (cover, note, safety pages, support list) of the first N couples into --out-dir')
            [CompletionResult]::new('--sheet', '--sheet', [CompletionResultType]::ParameterName, 'For an .xlsx or .ods client list: the sheet to read [default: the first]')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'A workbook.toml to read [default: ./workbook.toml when it exists]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'A workbook.toml to read [default: ./workbook.toml when it exists]')
            [CompletionResult]::new('--sources', '--sources', [CompletionResultType]::ParameterName, 'An ejected, edited project folder to build from instead of the built-in guide')
            [CompletionResult]::new('--photo', '--photo', [CompletionResultType]::ParameterName, 'A photo for the cover (PNG, JPEG or WebP)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'The book''s language: en (English) or es (español) [default: en]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Where the couple live, as a two-letter country code (US, MX, ES…): the safety pages then list that country''s numbers when the practice gives none [default: every country the language''s edition knows]')
            [CompletionResult]::new('--edition', '--edition', [CompletionResultType]::ParameterName, 'Which book: the couple''s workbook, or the counselor''s facilitator guide (session plan, screening, chapter notes; no --names needed) [default: couple]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'A PDF to print or fill in, or one self-contained HTML page to read and write in on any screen, kept on the device [default: pdf]')
            [CompletionResult]::new('--paper', '--paper', [CompletionResultType]::ParameterName, 'Paper size [default: from the locale: letter in the US, Canada and similar, A4 elsewhere]')
            [CompletionResult]::new('--sides', '--sides', [CompletionResultType]::ParameterName, 'One-sided, or two-sided with mirrored margins and chapters on right-hand pages')
            [CompletionResult]::new('--ruling', '--ruling', [CompletionResultType]::ParameterName, 'Distance between write-in lines: wide 8.7 mm, college 7.1 mm [default: wide]')
            [CompletionResult]::new('--pdf-standard', '--pdf-standard', [CompletionResultType]::ParameterName, 'PDF standards to conform to (repeatable) [default: ua-1; none for a booklet]')
            [CompletionResult]::new('--start-date', '--start-date', [CompletionResultType]::ParameterName, 'The first day of the dated logs (YYYY-MM-DD, or 01.12.2026); without it, date cells are left blank')
            [CompletionResult]::new('--date-order', '--date-order', [CompletionResultType]::ParameterName, 'In a start date written with slashes, which comes first: dmy (08/12/2026 is 8 December) or mdy (August 12); 01.12.2026 is always day first')
            [CompletionResult]::new('--days', '--days', [CompletionResultType]::ParameterName, 'How many days the daily logs run (1 to 366) [default: 28]')
            [CompletionResult]::new('--skip', '--skip', [CompletionResultType]::ParameterName, 'Leave out a chapter, front or back matter part, or exercise (repeatable)')
            [CompletionResult]::new('--only', '--only', [CompletionResultType]::ParameterName, 'Print only these chapters, parts or exercises (repeatable); the safety note always stays')
            [CompletionResult]::new('--time-limit', '--time-limit', [CompletionResultType]::ParameterName, 'Stop a build from --sources that takes longer than this many seconds [default: 60]')
            [CompletionResult]::new('--memory-limit', '--memory-limit', [CompletionResultType]::ParameterName, 'Stop a build from --sources that uses more memory than this many MiB [default: 2048]')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Lock the PDF with the password on this file''s first line (AES-256); or set WORKBOOK_PASSWORD. Never given on the command line itself')
            [CompletionResult]::new('--partner1-password-file', '--partner1-password-file', [CompletionResultType]::ParameterName, 'With --split partners: lock the first partner''s own file with the password on this file''s first line, which only they should know')
            [CompletionResult]::new('--partner2-password-file', '--partner2-password-file', [CompletionResultType]::ParameterName, 'With --split partners: lock the second partner''s own file with the password on this file''s first line, which only they should know')
            [CompletionResult]::new('--font-path', '--font-path', [CompletionResultType]::ParameterName, 'A folder of extra fonts, for names in scripts the built-in fonts lack (repeatable)')
            [CompletionResult]::new('--split', '--split', [CompletionResultType]::ParameterName, '`partners`: write the shared workbook and each partner''s own pages as three files')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Where to write the PDF [default: workbook-<a>-<b>.pdf in this folder]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Where to write the PDF [default: workbook-<a>-<b>.pdf in this folder]')
            [CompletionResult]::new('--names', '--names', [CompletionResultType]::ParameterName, 'The two partners'' names, separated by ''&'', e.g. "Ana & Ben"')
            [CompletionResult]::new('--handout', '--handout', [CompletionResultType]::ParameterName, 'Print only this exercise, as a one- or two-page handout with the support numbers (repeatable; --names optional)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace what workbook otherwise keeps: a PDF holding filled-in answers, a locked one, or one workbook did not write (eject: the files already in the folder)')
            [CompletionResult]::new('--booklet', '--booklet', [CompletionResultType]::ParameterName, 'Impose pages two per sheet for a folded, stapled booklet (A5 on A4, half-letter on Letter)')
            [CompletionResult]::new('--no-booklet', '--no-booklet', [CompletionResultType]::ParameterName, 'Not a booklet, whatever workbook.toml says')
            [CompletionResult]::new('--ink-saver', '--ink-saver', [CompletionResultType]::ParameterName, 'No tinted backgrounds or filled boxes, only thin outlines')
            [CompletionResult]::new('--no-ink-saver', '--no-ink-saver', [CompletionResultType]::ParameterName, 'Tinted backgrounds as usual, whatever workbook.toml says')
            [CompletionResult]::new('--fillable', '--fillable', [CompletionResultType]::ParameterName, 'Form fields over every write-in area, to type into on screen (not with --booklet)')
            [CompletionResult]::new('--no-fillable', '--no-fillable', [CompletionResultType]::ParameterName, 'No form fields, whatever workbook.toml says')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print each step (load, compile, export, finish, write) with its time')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each step (load, compile, export, finish, write) with its time')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'workbook;init' {
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing workbook.toml')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print each step (load, compile, export, finish, write) with its time')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each step (load, compile, export, finish, write) with its time')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'workbook;eject' {
            [CompletionResult]::new('--names', '--names', [CompletionResultType]::ParameterName, 'The two partners'' names, separated by ''&'', e.g. "Ana & Ben"')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'A workbook.toml to read [default: ./workbook.toml when it exists]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'A workbook.toml to read [default: ./workbook.toml when it exists]')
            [CompletionResult]::new('--sources', '--sources', [CompletionResultType]::ParameterName, 'An ejected, edited project folder to build from instead of the built-in guide')
            [CompletionResult]::new('--photo', '--photo', [CompletionResultType]::ParameterName, 'A photo for the cover (PNG, JPEG or WebP)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'The book''s language: en (English) or es (español) [default: en]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Where the couple live, as a two-letter country code (US, MX, ES…): the safety pages then list that country''s numbers when the practice gives none [default: every country the language''s edition knows]')
            [CompletionResult]::new('--edition', '--edition', [CompletionResultType]::ParameterName, 'Which book: the couple''s workbook, or the counselor''s facilitator guide (session plan, screening, chapter notes; no --names needed) [default: couple]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'A PDF to print or fill in, or one self-contained HTML page to read and write in on any screen, kept on the device [default: pdf]')
            [CompletionResult]::new('--paper', '--paper', [CompletionResultType]::ParameterName, 'Paper size [default: from the locale: letter in the US, Canada and similar, A4 elsewhere]')
            [CompletionResult]::new('--sides', '--sides', [CompletionResultType]::ParameterName, 'One-sided, or two-sided with mirrored margins and chapters on right-hand pages')
            [CompletionResult]::new('--ruling', '--ruling', [CompletionResultType]::ParameterName, 'Distance between write-in lines: wide 8.7 mm, college 7.1 mm [default: wide]')
            [CompletionResult]::new('--pdf-standard', '--pdf-standard', [CompletionResultType]::ParameterName, 'PDF standards to conform to (repeatable) [default: ua-1; none for a booklet]')
            [CompletionResult]::new('--start-date', '--start-date', [CompletionResultType]::ParameterName, 'The first day of the dated logs (YYYY-MM-DD, or 01.12.2026); without it, date cells are left blank')
            [CompletionResult]::new('--date-order', '--date-order', [CompletionResultType]::ParameterName, 'In a start date written with slashes, which comes first: dmy (08/12/2026 is 8 December) or mdy (August 12); 01.12.2026 is always day first')
            [CompletionResult]::new('--days', '--days', [CompletionResultType]::ParameterName, 'How many days the daily logs run (1 to 366) [default: 28]')
            [CompletionResult]::new('--skip', '--skip', [CompletionResultType]::ParameterName, 'Leave out a chapter, front or back matter part, or exercise (repeatable)')
            [CompletionResult]::new('--only', '--only', [CompletionResultType]::ParameterName, 'Print only these chapters, parts or exercises (repeatable); the safety note always stays')
            [CompletionResult]::new('--time-limit', '--time-limit', [CompletionResultType]::ParameterName, 'Stop a build from --sources that takes longer than this many seconds [default: 60]')
            [CompletionResult]::new('--memory-limit', '--memory-limit', [CompletionResultType]::ParameterName, 'Stop a build from --sources that uses more memory than this many MiB [default: 2048]')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Lock the PDF with the password on this file''s first line (AES-256); or set WORKBOOK_PASSWORD. Never given on the command line itself')
            [CompletionResult]::new('--partner1-password-file', '--partner1-password-file', [CompletionResultType]::ParameterName, 'With --split partners: lock the first partner''s own file with the password on this file''s first line, which only they should know')
            [CompletionResult]::new('--partner2-password-file', '--partner2-password-file', [CompletionResultType]::ParameterName, 'With --split partners: lock the second partner''s own file with the password on this file''s first line, which only they should know')
            [CompletionResult]::new('--font-path', '--font-path', [CompletionResultType]::ParameterName, 'A folder of extra fonts, for names in scripts the built-in fonts lack (repeatable)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Where to write the PDF [default: workbook-<a>-<b>.pdf in this folder]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Where to write the PDF [default: workbook-<a>-<b>.pdf in this folder]')
            [CompletionResult]::new('--handout', '--handout', [CompletionResultType]::ParameterName, 'Print only this exercise, as a one- or two-page handout with the support numbers (repeatable; --names optional)')
            [CompletionResult]::new('--split', '--split', [CompletionResultType]::ParameterName, '`partners`: write the shared workbook and each partner''s own pages as three files')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace what workbook otherwise keeps: a PDF holding filled-in answers, a locked one, or one workbook did not write (eject: the files already in the folder)')
            [CompletionResult]::new('--booklet', '--booklet', [CompletionResultType]::ParameterName, 'Impose pages two per sheet for a folded, stapled booklet (A5 on A4, half-letter on Letter)')
            [CompletionResult]::new('--no-booklet', '--no-booklet', [CompletionResultType]::ParameterName, 'Not a booklet, whatever workbook.toml says')
            [CompletionResult]::new('--ink-saver', '--ink-saver', [CompletionResultType]::ParameterName, 'No tinted backgrounds or filled boxes, only thin outlines')
            [CompletionResult]::new('--no-ink-saver', '--no-ink-saver', [CompletionResultType]::ParameterName, 'Tinted backgrounds as usual, whatever workbook.toml says')
            [CompletionResult]::new('--fillable', '--fillable', [CompletionResultType]::ParameterName, 'Form fields over every write-in area, to type into on screen (not with --booklet)')
            [CompletionResult]::new('--no-fillable', '--no-fillable', [CompletionResultType]::ParameterName, 'No form fields, whatever workbook.toml says')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print each step (load, compile, export, finish, write) with its time')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each step (load, compile, export, finish, write) with its time')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'workbook;preview' {
            [CompletionResult]::new('--pages', '--pages', [CompletionResultType]::ParameterName, 'Pages by name (cover, note, safety, support) or number (1,3-5) [default: cover,note,safety,support]')
            [CompletionResult]::new('--dpi', '--dpi', [CompletionResultType]::ParameterName, 'Resolution of the images, in dots per inch')
            [CompletionResult]::new('--names', '--names', [CompletionResultType]::ParameterName, 'The two partners'' names, separated by ''&'', e.g. "Ana & Ben"')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'A workbook.toml to read [default: ./workbook.toml when it exists]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'A workbook.toml to read [default: ./workbook.toml when it exists]')
            [CompletionResult]::new('--sources', '--sources', [CompletionResultType]::ParameterName, 'An ejected, edited project folder to build from instead of the built-in guide')
            [CompletionResult]::new('--photo', '--photo', [CompletionResultType]::ParameterName, 'A photo for the cover (PNG, JPEG or WebP)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'The book''s language: en (English) or es (español) [default: en]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Where the couple live, as a two-letter country code (US, MX, ES…): the safety pages then list that country''s numbers when the practice gives none [default: every country the language''s edition knows]')
            [CompletionResult]::new('--edition', '--edition', [CompletionResultType]::ParameterName, 'Which book: the couple''s workbook, or the counselor''s facilitator guide (session plan, screening, chapter notes; no --names needed) [default: couple]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'A PDF to print or fill in, or one self-contained HTML page to read and write in on any screen, kept on the device [default: pdf]')
            [CompletionResult]::new('--paper', '--paper', [CompletionResultType]::ParameterName, 'Paper size [default: from the locale: letter in the US, Canada and similar, A4 elsewhere]')
            [CompletionResult]::new('--sides', '--sides', [CompletionResultType]::ParameterName, 'One-sided, or two-sided with mirrored margins and chapters on right-hand pages')
            [CompletionResult]::new('--ruling', '--ruling', [CompletionResultType]::ParameterName, 'Distance between write-in lines: wide 8.7 mm, college 7.1 mm [default: wide]')
            [CompletionResult]::new('--pdf-standard', '--pdf-standard', [CompletionResultType]::ParameterName, 'PDF standards to conform to (repeatable) [default: ua-1; none for a booklet]')
            [CompletionResult]::new('--start-date', '--start-date', [CompletionResultType]::ParameterName, 'The first day of the dated logs (YYYY-MM-DD, or 01.12.2026); without it, date cells are left blank')
            [CompletionResult]::new('--date-order', '--date-order', [CompletionResultType]::ParameterName, 'In a start date written with slashes, which comes first: dmy (08/12/2026 is 8 December) or mdy (August 12); 01.12.2026 is always day first')
            [CompletionResult]::new('--days', '--days', [CompletionResultType]::ParameterName, 'How many days the daily logs run (1 to 366) [default: 28]')
            [CompletionResult]::new('--skip', '--skip', [CompletionResultType]::ParameterName, 'Leave out a chapter, front or back matter part, or exercise (repeatable)')
            [CompletionResult]::new('--only', '--only', [CompletionResultType]::ParameterName, 'Print only these chapters, parts or exercises (repeatable); the safety note always stays')
            [CompletionResult]::new('--time-limit', '--time-limit', [CompletionResultType]::ParameterName, 'Stop a build from --sources that takes longer than this many seconds [default: 60]')
            [CompletionResult]::new('--memory-limit', '--memory-limit', [CompletionResultType]::ParameterName, 'Stop a build from --sources that uses more memory than this many MiB [default: 2048]')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Lock the PDF with the password on this file''s first line (AES-256); or set WORKBOOK_PASSWORD. Never given on the command line itself')
            [CompletionResult]::new('--partner1-password-file', '--partner1-password-file', [CompletionResultType]::ParameterName, 'With --split partners: lock the first partner''s own file with the password on this file''s first line, which only they should know')
            [CompletionResult]::new('--partner2-password-file', '--partner2-password-file', [CompletionResultType]::ParameterName, 'With --split partners: lock the second partner''s own file with the password on this file''s first line, which only they should know')
            [CompletionResult]::new('--font-path', '--font-path', [CompletionResultType]::ParameterName, 'A folder of extra fonts, for names in scripts the built-in fonts lack (repeatable)')
            [CompletionResult]::new('--handout', '--handout', [CompletionResultType]::ParameterName, 'Print only this exercise, as a one- or two-page handout with the support numbers (repeatable; --names optional)')
            [CompletionResult]::new('--split', '--split', [CompletionResultType]::ParameterName, '`partners`: write the shared workbook and each partner''s own pages as three files')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'The folder for the images, made if missing [default: a new folder workbook-<a>-<b>-preview]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The folder for the images, made if missing [default: a new folder workbook-<a>-<b>-preview]')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace what workbook otherwise keeps: a PDF holding filled-in answers, a locked one, or one workbook did not write (eject: the files already in the folder)')
            [CompletionResult]::new('--booklet', '--booklet', [CompletionResultType]::ParameterName, 'Impose pages two per sheet for a folded, stapled booklet (A5 on A4, half-letter on Letter)')
            [CompletionResult]::new('--no-booklet', '--no-booklet', [CompletionResultType]::ParameterName, 'Not a booklet, whatever workbook.toml says')
            [CompletionResult]::new('--ink-saver', '--ink-saver', [CompletionResultType]::ParameterName, 'No tinted backgrounds or filled boxes, only thin outlines')
            [CompletionResult]::new('--no-ink-saver', '--no-ink-saver', [CompletionResultType]::ParameterName, 'Tinted backgrounds as usual, whatever workbook.toml says')
            [CompletionResult]::new('--fillable', '--fillable', [CompletionResultType]::ParameterName, 'Form fields over every write-in area, to type into on screen (not with --booklet)')
            [CompletionResult]::new('--no-fillable', '--no-fillable', [CompletionResultType]::ParameterName, 'No form fields, whatever workbook.toml says')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print each step (load, compile, export, finish, write) with its time')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each step (load, compile, export, finish, write) with its time')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'workbook;completions' {
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print each step (load, compile, export, finish, write) with its time')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each step (load, compile, export, finish, write) with its time')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'workbook;manpage' {
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print each step (load, compile, export, finish, write) with its time')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each step (load, compile, export, finish, write) with its time')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'workbook;answers' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'md: headings, lists and tables to read or print; csv: one row per field; json: the same rows as objects')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Where to write [default: standard output]. Never the PDF itself')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Where to write [default: standard output]. Never the PDF itself')
            [CompletionResult]::new('--delimiter', '--delimiter', [CompletionResultType]::ParameterName, 'What splits a CSV row''s cells: `,` (the default), or `;` for an Excel whose region writes decimals with a comma, as most of Europe''s do; `tab` for tab-separated')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'The password of a locked workbook, on this file''s first line; or set WORKBOOK_PASSWORD')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Include the fields left empty and the boxes left unticked')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print each step (load, compile, export, finish, write) with its time')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each step (load, compile, export, finish, write) with its time')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'workbook;serve' {
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'The port on 127.0.0.1 (and ::1) [default: a free one]')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'The workbook.toml to read, and to save Practice settings into [default: ./workbook.toml]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The workbook.toml to read, and to save Practice settings into [default: ./workbook.toml]')
            [CompletionResult]::new('--no-open', '--no-open', [CompletionResultType]::ParameterName, 'Print the address only; do not open a browser')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print each step (load, compile, export, finish, write) with its time')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each step (load, compile, export, finish, write) with its time')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'workbook;help' {
            [CompletionResult]::new('build', 'build', [CompletionResultType]::ParameterValue, 'Build one workbook as a PDF')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the chapters and exercises with their ids')
            [CompletionResult]::new('batch', 'batch', [CompletionResultType]::ParameterValue, 'Build one workbook per row of a CSV file (columns: names, and optionally output, start-date, days, paper, sides, photo, note, skip, password, split, lang, region, format)')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write a commented starter workbook.toml')
            [CompletionResult]::new('eject', 'eject', [CompletionResultType]::ParameterValue, 'Write the guide, templates and assets into a folder as a plain Typst project, to edit and build with --sources (or with `typst compile`)')
            [CompletionResult]::new('preview', 'preview', [CompletionResultType]::ParameterValue, 'Render chosen pages to PNG, to check the branding and contacts before building many workbooks (-o names the folder)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script (bash, zsh, fish, powershell, elvish)')
            [CompletionResult]::new('manpage', 'manpage', [CompletionResultType]::ParameterValue, 'Write man pages for workbook and each subcommand into a folder')
            [CompletionResult]::new('answers', 'answers', [CompletionResultType]::ParameterValue, 'Read the answers typed into a filled-in workbook (built with --fillable), grouped by part, exercise and partner')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Run the whole tool in a web browser on this computer: every job is a page, and nothing leaves the machine')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'workbook;help;build' {
            break
        }
        'workbook;help;list' {
            break
        }
        'workbook;help;batch' {
            break
        }
        'workbook;help;init' {
            break
        }
        'workbook;help;eject' {
            break
        }
        'workbook;help;preview' {
            break
        }
        'workbook;help;completions' {
            break
        }
        'workbook;help;manpage' {
            break
        }
        'workbook;help;answers' {
            break
        }
        'workbook;help;serve' {
            break
        }
        'workbook;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
