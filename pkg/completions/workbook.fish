# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_workbook_global_optspecs
    string join \n q/quiet v/verbose h/help V/version
end

function __fish_workbook_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_workbook_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_workbook_using_subcommand
    set -l cmd (__fish_workbook_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c workbook -n "__fish_workbook_needs_command" -s q -l quiet -d 'Print only errors'
complete -c workbook -n "__fish_workbook_needs_command" -s v -l verbose -d 'Print each step (load, compile, export, finish, write) with its time'
complete -c workbook -n "__fish_workbook_needs_command" -s h -l help -d 'Print help'
complete -c workbook -n "__fish_workbook_needs_command" -s V -l version -d 'Print version'
complete -c workbook -n "__fish_workbook_needs_command" -f -a "build" -d 'Build one workbook as a PDF'
complete -c workbook -n "__fish_workbook_needs_command" -f -a "list" -d 'List the chapters and exercises with their ids'
complete -c workbook -n "__fish_workbook_needs_command" -f -a "batch" -d 'Build one workbook per row of a CSV file (columns: names, and optionally output, start-date, days, paper, sides, photo, note, skip, password, split, lang, region, format)'
complete -c workbook -n "__fish_workbook_needs_command" -f -a "init" -d 'Write a commented starter workbook.toml'
complete -c workbook -n "__fish_workbook_needs_command" -f -a "eject" -d 'Write the guide, templates and assets into a folder as a plain Typst project, to edit and build with --sources (or with `typst compile`)'
complete -c workbook -n "__fish_workbook_needs_command" -f -a "preview" -d 'Render chosen pages to PNG, to check the branding and contacts before building many workbooks (-o names the folder)'
complete -c workbook -n "__fish_workbook_needs_command" -f -a "completions" -d 'Print a shell completion script (bash, zsh, fish, powershell, elvish)'
complete -c workbook -n "__fish_workbook_needs_command" -f -a "manpage" -d 'Write man pages for workbook and each subcommand into a folder'
complete -c workbook -n "__fish_workbook_needs_command" -f -a "answers" -d 'Read the answers typed into a filled-in workbook (built with --fillable), grouped by part, exercise and partner'
complete -c workbook -n "__fish_workbook_needs_command" -f -a "serve" -d 'Run the whole tool in a web browser on this computer: every job is a page, and nothing leaves the machine'
complete -c workbook -n "__fish_workbook_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c workbook -n "__fish_workbook_using_subcommand build" -l names -d 'The two partners\' names, separated by \'&\', e.g. "Ana & Ben"' -r
complete -c workbook -n "__fish_workbook_using_subcommand build" -s c -l config -d 'A workbook.toml to read [default: ./workbook.toml when it exists]' -r -F
complete -c workbook -n "__fish_workbook_using_subcommand build" -l sources -d 'An ejected, edited project folder to build from instead of the built-in guide' -r -F
complete -c workbook -n "__fish_workbook_using_subcommand build" -l photo -d 'A photo for the cover (PNG, JPEG or WebP)' -r -F
complete -c workbook -n "__fish_workbook_using_subcommand build" -s o -l output -d 'Where to write the PDF [default: workbook-<a>-<b>.pdf in this folder]' -r -F
complete -c workbook -n "__fish_workbook_using_subcommand build" -l lang -d 'The book\'s language: en (English) or es (español) [default: en]' -r
complete -c workbook -n "__fish_workbook_using_subcommand build" -l region -d 'Where the couple live, as a two-letter country code (US, MX, ES…): the safety pages then list that country\'s numbers when the practice gives none [default: every country the language\'s edition knows]' -r
complete -c workbook -n "__fish_workbook_using_subcommand build" -l edition -d 'Which book: the couple\'s workbook, or the counselor\'s facilitator guide (session plan, screening, chapter notes; no --names needed) [default: couple]' -r -f -a "couple\t'The couple\'s workbook'
counselor\t'The facilitator\'s guide: session plan, screening, chapter notes, progress summary, reading list. Needs no names'"
complete -c workbook -n "__fish_workbook_using_subcommand build" -l format -d 'A PDF to print or fill in, or one self-contained HTML page to read and write in on any screen, kept on the device [default: pdf]' -r -f -a "pdf\t'A PDF, tagged, to print or fill in'
html\t'One self-contained HTML page, to read and write in on any screen'"
complete -c workbook -n "__fish_workbook_using_subcommand build" -l paper -d 'Paper size [default: from the locale: letter in the US, Canada and similar, A4 elsewhere]' -r -f -a "a4\t'ISO A4, 210 x 297 mm'
letter\t'US Letter, 8.5 x 11 in'
universal\t'210 x 279.4 mm: A4\'s width and Letter\'s height, prints on either'"
complete -c workbook -n "__fish_workbook_using_subcommand build" -l sides -d 'One-sided, or two-sided with mirrored margins and chapters on right-hand pages' -r -f -a "single\t'Symmetric margins, no blank pages'
duplex\t'Mirrored margins with a binding margin; chapters start on a right-hand page'"
complete -c workbook -n "__fish_workbook_using_subcommand build" -l ruling -d 'Distance between write-in lines: wide 8.7 mm, college 7.1 mm [default: wide]' -r -f -a "wide\t'8.7 mm: room for larger handwriting'
college\t'7.1 mm'"
complete -c workbook -n "__fish_workbook_using_subcommand build" -l pdf-standard -d 'PDF standards to conform to (repeatable) [default: ua-1; none for a booklet]' -r -f -a "ua-1\t'PDF/UA-1: accessible, tagged (the default)'
a-2b\t'PDF/A-2b: archival, visual appearance'
a-2a\t'PDF/A-2a: archival and tagged'
none\t'No standard (the PDF is still tagged unless it is a booklet)'"
complete -c workbook -n "__fish_workbook_using_subcommand build" -l start-date -d 'The first day of the dated logs (YYYY-MM-DD, or 01.12.2026); without it, date cells are left blank' -r
complete -c workbook -n "__fish_workbook_using_subcommand build" -l date-order -d 'In a start date written with slashes, which comes first: dmy (08/12/2026 is 8 December) or mdy (August 12); 01.12.2026 is always day first' -r -f -a "dmy\t'Day, month, year: 08/12/2026 is 8 December'
mdy\t'Month, day, year: 08/12/2026 is August 12'"
complete -c workbook -n "__fish_workbook_using_subcommand build" -l days -d 'How many days the daily logs run (1 to 366) [default: 28]' -r
complete -c workbook -n "__fish_workbook_using_subcommand build" -l skip -d 'Leave out a chapter, front or back matter part, or exercise (repeatable)' -r
complete -c workbook -n "__fish_workbook_using_subcommand build" -l only -d 'Print only these chapters, parts or exercises (repeatable); the safety note always stays' -r
complete -c workbook -n "__fish_workbook_using_subcommand build" -l time-limit -d 'Stop a build from --sources that takes longer than this many seconds [default: 60]' -r
complete -c workbook -n "__fish_workbook_using_subcommand build" -l memory-limit -d 'Stop a build from --sources that uses more memory than this many MiB [default: 2048]' -r
complete -c workbook -n "__fish_workbook_using_subcommand build" -l password-file -d 'Lock the PDF with the password on this file\'s first line (AES-256); or set WORKBOOK_PASSWORD. Never given on the command line itself' -r -F
complete -c workbook -n "__fish_workbook_using_subcommand build" -l partner1-password-file -d 'With --split partners: lock the first partner\'s own file with the password on this file\'s first line, which only they should know' -r -F
complete -c workbook -n "__fish_workbook_using_subcommand build" -l partner2-password-file -d 'With --split partners: lock the second partner\'s own file with the password on this file\'s first line, which only they should know' -r -F
complete -c workbook -n "__fish_workbook_using_subcommand build" -l font-path -d 'A folder of extra fonts, for names in scripts the built-in fonts lack (repeatable)' -r -F
complete -c workbook -n "__fish_workbook_using_subcommand build" -l handout -d 'Print only this exercise, as a one- or two-page handout with the support numbers (repeatable; --names optional)' -r
complete -c workbook -n "__fish_workbook_using_subcommand build" -l split -d '`partners`: write the shared workbook and each partner\'s own pages as three files' -r -f -a "partners\t'The shared book, and one file per partner with their own exercises'"
complete -c workbook -n "__fish_workbook_using_subcommand build" -l force -d 'Replace what workbook otherwise keeps: a PDF holding filled-in answers, a locked one, or one workbook did not write (eject: the files already in the folder)'
complete -c workbook -n "__fish_workbook_using_subcommand build" -l booklet -d 'Impose pages two per sheet for a folded, stapled booklet (A5 on A4, half-letter on Letter)'
complete -c workbook -n "__fish_workbook_using_subcommand build" -l no-booklet -d 'Not a booklet, whatever workbook.toml says'
complete -c workbook -n "__fish_workbook_using_subcommand build" -l ink-saver -d 'No tinted backgrounds or filled boxes, only thin outlines'
complete -c workbook -n "__fish_workbook_using_subcommand build" -l no-ink-saver -d 'Tinted backgrounds as usual, whatever workbook.toml says'
complete -c workbook -n "__fish_workbook_using_subcommand build" -l fillable -d 'Form fields over every write-in area, to type into on screen (not with --booklet)'
complete -c workbook -n "__fish_workbook_using_subcommand build" -l no-fillable -d 'No form fields, whatever workbook.toml says'
complete -c workbook -n "__fish_workbook_using_subcommand build" -s q -l quiet -d 'Print only errors'
complete -c workbook -n "__fish_workbook_using_subcommand build" -s v -l verbose -d 'Print each step (load, compile, export, finish, write) with its time'
complete -c workbook -n "__fish_workbook_using_subcommand build" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c workbook -n "__fish_workbook_using_subcommand list" -s c -l config -d 'A workbook.toml whose sources and extra exercises to include' -r -F
complete -c workbook -n "__fish_workbook_using_subcommand list" -l sources -d 'An ejected project folder to list instead of the built-in guide' -r -F
complete -c workbook -n "__fish_workbook_using_subcommand list" -l lang -d 'List the guide in this language: en or es [default: en, or `lang` in workbook.toml]' -r
complete -c workbook -n "__fish_workbook_using_subcommand list" -s q -l quiet -d 'Print only errors'
complete -c workbook -n "__fish_workbook_using_subcommand list" -s v -l verbose -d 'Print each step (load, compile, export, finish, write) with its time'
complete -c workbook -n "__fish_workbook_using_subcommand list" -s h -l help -d 'Print help'
complete -c workbook -n "__fish_workbook_using_subcommand batch" -l out-dir -d 'The folder for the PDFs [default: this folder]' -r -F
complete -c workbook -n "__fish_workbook_using_subcommand batch" -l jobs -d 'How many workbooks to build at once [default: half the number of cores]' -r
complete -c workbook -n "__fish_workbook_using_subcommand batch" -l preview -d 'Instead of building, write proof images (cover, note, safety pages, support list) of the first N couples into --out-dir' -r
complete -c workbook -n "__fish_workbook_using_subcommand batch" -l sheet -d 'For an .xlsx or .ods client list: the sheet to read [default: the first]' -r
complete -c workbook -n "__fish_workbook_using_subcommand batch" -s c -l config -d 'A workbook.toml to read [default: ./workbook.toml when it exists]' -r -F
complete -c workbook -n "__fish_workbook_using_subcommand batch" -l sources -d 'An ejected, edited project folder to build from instead of the built-in guide' -r -F
complete -c workbook -n "__fish_workbook_using_subcommand batch" -l photo -d 'A photo for the cover (PNG, JPEG or WebP)' -r -F
complete -c workbook -n "__fish_workbook_using_subcommand batch" -l lang -d 'The book\'s language: en (English) or es (español) [default: en]' -r
complete -c workbook -n "__fish_workbook_using_subcommand batch" -l region -d 'Where the couple live, as a two-letter country code (US, MX, ES…): the safety pages then list that country\'s numbers when the practice gives none [default: every country the language\'s edition knows]' -r
complete -c workbook -n "__fish_workbook_using_subcommand batch" -l edition -d 'Which book: the couple\'s workbook, or the counselor\'s facilitator guide (session plan, screening, chapter notes; no --names needed) [default: couple]' -r -f -a "couple\t'The couple\'s workbook'
counselor\t'The facilitator\'s guide: session plan, screening, chapter notes, progress summary, reading list. Needs no names'"
complete -c workbook -n "__fish_workbook_using_subcommand batch" -l format -d 'A PDF to print or fill in, or one self-contained HTML page to read and write in on any screen, kept on the device [default: pdf]' -r -f -a "pdf\t'A PDF, tagged, to print or fill in'
html\t'One self-contained HTML page, to read and write in on any screen'"
complete -c workbook -n "__fish_workbook_using_subcommand batch" -l paper -d 'Paper size [default: from the locale: letter in the US, Canada and similar, A4 elsewhere]' -r -f -a "a4\t'ISO A4, 210 x 297 mm'
letter\t'US Letter, 8.5 x 11 in'
universal\t'210 x 279.4 mm: A4\'s width and Letter\'s height, prints on either'"
complete -c workbook -n "__fish_workbook_using_subcommand batch" -l sides -d 'One-sided, or two-sided with mirrored margins and chapters on right-hand pages' -r -f -a "single\t'Symmetric margins, no blank pages'
duplex\t'Mirrored margins with a binding margin; chapters start on a right-hand page'"
complete -c workbook -n "__fish_workbook_using_subcommand batch" -l ruling -d 'Distance between write-in lines: wide 8.7 mm, college 7.1 mm [default: wide]' -r -f -a "wide\t'8.7 mm: room for larger handwriting'
college\t'7.1 mm'"
complete -c workbook -n "__fish_workbook_using_subcommand batch" -l pdf-standard -d 'PDF standards to conform to (repeatable) [default: ua-1; none for a booklet]' -r -f -a "ua-1\t'PDF/UA-1: accessible, tagged (the default)'
a-2b\t'PDF/A-2b: archival, visual appearance'
a-2a\t'PDF/A-2a: archival and tagged'
none\t'No standard (the PDF is still tagged unless it is a booklet)'"
complete -c workbook -n "__fish_workbook_using_subcommand batch" -l start-date -d 'The first day of the dated logs (YYYY-MM-DD, or 01.12.2026); without it, date cells are left blank' -r
complete -c workbook -n "__fish_workbook_using_subcommand batch" -l date-order -d 'In a start date written with slashes, which comes first: dmy (08/12/2026 is 8 December) or mdy (August 12); 01.12.2026 is always day first' -r -f -a "dmy\t'Day, month, year: 08/12/2026 is 8 December'
mdy\t'Month, day, year: 08/12/2026 is August 12'"
complete -c workbook -n "__fish_workbook_using_subcommand batch" -l days -d 'How many days the daily logs run (1 to 366) [default: 28]' -r
complete -c workbook -n "__fish_workbook_using_subcommand batch" -l skip -d 'Leave out a chapter, front or back matter part, or exercise (repeatable)' -r
complete -c workbook -n "__fish_workbook_using_subcommand batch" -l only -d 'Print only these chapters, parts or exercises (repeatable); the safety note always stays' -r
complete -c workbook -n "__fish_workbook_using_subcommand batch" -l time-limit -d 'Stop a build from --sources that takes longer than this many seconds [default: 60]' -r
complete -c workbook -n "__fish_workbook_using_subcommand batch" -l memory-limit -d 'Stop a build from --sources that uses more memory than this many MiB [default: 2048]' -r
complete -c workbook -n "__fish_workbook_using_subcommand batch" -l password-file -d 'Lock the PDF with the password on this file\'s first line (AES-256); or set WORKBOOK_PASSWORD. Never given on the command line itself' -r -F
complete -c workbook -n "__fish_workbook_using_subcommand batch" -l partner1-password-file -d 'With --split partners: lock the first partner\'s own file with the password on this file\'s first line, which only they should know' -r -F
complete -c workbook -n "__fish_workbook_using_subcommand batch" -l partner2-password-file -d 'With --split partners: lock the second partner\'s own file with the password on this file\'s first line, which only they should know' -r -F
complete -c workbook -n "__fish_workbook_using_subcommand batch" -l font-path -d 'A folder of extra fonts, for names in scripts the built-in fonts lack (repeatable)' -r -F
complete -c workbook -n "__fish_workbook_using_subcommand batch" -l split -d '`partners`: write the shared workbook and each partner\'s own pages as three files' -r -f -a "partners\t'The shared book, and one file per partner with their own exercises'"
complete -c workbook -n "__fish_workbook_using_subcommand batch" -s o -l output -d 'Where to write the PDF [default: workbook-<a>-<b>.pdf in this folder]' -r -F
complete -c workbook -n "__fish_workbook_using_subcommand batch" -l names -d 'The two partners\' names, separated by \'&\', e.g. "Ana & Ben"' -r
complete -c workbook -n "__fish_workbook_using_subcommand batch" -l handout -d 'Print only this exercise, as a one- or two-page handout with the support numbers (repeatable; --names optional)' -r
complete -c workbook -n "__fish_workbook_using_subcommand batch" -l force -d 'Replace what workbook otherwise keeps: a PDF holding filled-in answers, a locked one, or one workbook did not write (eject: the files already in the folder)'
complete -c workbook -n "__fish_workbook_using_subcommand batch" -l booklet -d 'Impose pages two per sheet for a folded, stapled booklet (A5 on A4, half-letter on Letter)'
complete -c workbook -n "__fish_workbook_using_subcommand batch" -l no-booklet -d 'Not a booklet, whatever workbook.toml says'
complete -c workbook -n "__fish_workbook_using_subcommand batch" -l ink-saver -d 'No tinted backgrounds or filled boxes, only thin outlines'
complete -c workbook -n "__fish_workbook_using_subcommand batch" -l no-ink-saver -d 'Tinted backgrounds as usual, whatever workbook.toml says'
complete -c workbook -n "__fish_workbook_using_subcommand batch" -l fillable -d 'Form fields over every write-in area, to type into on screen (not with --booklet)'
complete -c workbook -n "__fish_workbook_using_subcommand batch" -l no-fillable -d 'No form fields, whatever workbook.toml says'
complete -c workbook -n "__fish_workbook_using_subcommand batch" -s q -l quiet -d 'Print only errors'
complete -c workbook -n "__fish_workbook_using_subcommand batch" -s v -l verbose -d 'Print each step (load, compile, export, finish, write) with its time'
complete -c workbook -n "__fish_workbook_using_subcommand batch" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c workbook -n "__fish_workbook_using_subcommand init" -l force -d 'Replace an existing workbook.toml'
complete -c workbook -n "__fish_workbook_using_subcommand init" -s q -l quiet -d 'Print only errors'
complete -c workbook -n "__fish_workbook_using_subcommand init" -s v -l verbose -d 'Print each step (load, compile, export, finish, write) with its time'
complete -c workbook -n "__fish_workbook_using_subcommand init" -s h -l help -d 'Print help'
complete -c workbook -n "__fish_workbook_using_subcommand eject" -l names -d 'The two partners\' names, separated by \'&\', e.g. "Ana & Ben"' -r
complete -c workbook -n "__fish_workbook_using_subcommand eject" -s c -l config -d 'A workbook.toml to read [default: ./workbook.toml when it exists]' -r -F
complete -c workbook -n "__fish_workbook_using_subcommand eject" -l sources -d 'An ejected, edited project folder to build from instead of the built-in guide' -r -F
complete -c workbook -n "__fish_workbook_using_subcommand eject" -l photo -d 'A photo for the cover (PNG, JPEG or WebP)' -r -F
complete -c workbook -n "__fish_workbook_using_subcommand eject" -l lang -d 'The book\'s language: en (English) or es (español) [default: en]' -r
complete -c workbook -n "__fish_workbook_using_subcommand eject" -l region -d 'Where the couple live, as a two-letter country code (US, MX, ES…): the safety pages then list that country\'s numbers when the practice gives none [default: every country the language\'s edition knows]' -r
complete -c workbook -n "__fish_workbook_using_subcommand eject" -l edition -d 'Which book: the couple\'s workbook, or the counselor\'s facilitator guide (session plan, screening, chapter notes; no --names needed) [default: couple]' -r -f -a "couple\t'The couple\'s workbook'
counselor\t'The facilitator\'s guide: session plan, screening, chapter notes, progress summary, reading list. Needs no names'"
complete -c workbook -n "__fish_workbook_using_subcommand eject" -l format -d 'A PDF to print or fill in, or one self-contained HTML page to read and write in on any screen, kept on the device [default: pdf]' -r -f -a "pdf\t'A PDF, tagged, to print or fill in'
html\t'One self-contained HTML page, to read and write in on any screen'"
complete -c workbook -n "__fish_workbook_using_subcommand eject" -l paper -d 'Paper size [default: from the locale: letter in the US, Canada and similar, A4 elsewhere]' -r -f -a "a4\t'ISO A4, 210 x 297 mm'
letter\t'US Letter, 8.5 x 11 in'
universal\t'210 x 279.4 mm: A4\'s width and Letter\'s height, prints on either'"
complete -c workbook -n "__fish_workbook_using_subcommand eject" -l sides -d 'One-sided, or two-sided with mirrored margins and chapters on right-hand pages' -r -f -a "single\t'Symmetric margins, no blank pages'
duplex\t'Mirrored margins with a binding margin; chapters start on a right-hand page'"
complete -c workbook -n "__fish_workbook_using_subcommand eject" -l ruling -d 'Distance between write-in lines: wide 8.7 mm, college 7.1 mm [default: wide]' -r -f -a "wide\t'8.7 mm: room for larger handwriting'
college\t'7.1 mm'"
complete -c workbook -n "__fish_workbook_using_subcommand eject" -l pdf-standard -d 'PDF standards to conform to (repeatable) [default: ua-1; none for a booklet]' -r -f -a "ua-1\t'PDF/UA-1: accessible, tagged (the default)'
a-2b\t'PDF/A-2b: archival, visual appearance'
a-2a\t'PDF/A-2a: archival and tagged'
none\t'No standard (the PDF is still tagged unless it is a booklet)'"
complete -c workbook -n "__fish_workbook_using_subcommand eject" -l start-date -d 'The first day of the dated logs (YYYY-MM-DD, or 01.12.2026); without it, date cells are left blank' -r
complete -c workbook -n "__fish_workbook_using_subcommand eject" -l date-order -d 'In a start date written with slashes, which comes first: dmy (08/12/2026 is 8 December) or mdy (August 12); 01.12.2026 is always day first' -r -f -a "dmy\t'Day, month, year: 08/12/2026 is 8 December'
mdy\t'Month, day, year: 08/12/2026 is August 12'"
complete -c workbook -n "__fish_workbook_using_subcommand eject" -l days -d 'How many days the daily logs run (1 to 366) [default: 28]' -r
complete -c workbook -n "__fish_workbook_using_subcommand eject" -l skip -d 'Leave out a chapter, front or back matter part, or exercise (repeatable)' -r
complete -c workbook -n "__fish_workbook_using_subcommand eject" -l only -d 'Print only these chapters, parts or exercises (repeatable); the safety note always stays' -r
complete -c workbook -n "__fish_workbook_using_subcommand eject" -l time-limit -d 'Stop a build from --sources that takes longer than this many seconds [default: 60]' -r
complete -c workbook -n "__fish_workbook_using_subcommand eject" -l memory-limit -d 'Stop a build from --sources that uses more memory than this many MiB [default: 2048]' -r
complete -c workbook -n "__fish_workbook_using_subcommand eject" -l password-file -d 'Lock the PDF with the password on this file\'s first line (AES-256); or set WORKBOOK_PASSWORD. Never given on the command line itself' -r -F
complete -c workbook -n "__fish_workbook_using_subcommand eject" -l partner1-password-file -d 'With --split partners: lock the first partner\'s own file with the password on this file\'s first line, which only they should know' -r -F
complete -c workbook -n "__fish_workbook_using_subcommand eject" -l partner2-password-file -d 'With --split partners: lock the second partner\'s own file with the password on this file\'s first line, which only they should know' -r -F
complete -c workbook -n "__fish_workbook_using_subcommand eject" -l font-path -d 'A folder of extra fonts, for names in scripts the built-in fonts lack (repeatable)' -r -F
complete -c workbook -n "__fish_workbook_using_subcommand eject" -s o -l output -d 'Where to write the PDF [default: workbook-<a>-<b>.pdf in this folder]' -r -F
complete -c workbook -n "__fish_workbook_using_subcommand eject" -l handout -d 'Print only this exercise, as a one- or two-page handout with the support numbers (repeatable; --names optional)' -r
complete -c workbook -n "__fish_workbook_using_subcommand eject" -l split -d '`partners`: write the shared workbook and each partner\'s own pages as three files' -r -f -a "partners\t'The shared book, and one file per partner with their own exercises'"
complete -c workbook -n "__fish_workbook_using_subcommand eject" -l force -d 'Replace what workbook otherwise keeps: a PDF holding filled-in answers, a locked one, or one workbook did not write (eject: the files already in the folder)'
complete -c workbook -n "__fish_workbook_using_subcommand eject" -l booklet -d 'Impose pages two per sheet for a folded, stapled booklet (A5 on A4, half-letter on Letter)'
complete -c workbook -n "__fish_workbook_using_subcommand eject" -l no-booklet -d 'Not a booklet, whatever workbook.toml says'
complete -c workbook -n "__fish_workbook_using_subcommand eject" -l ink-saver -d 'No tinted backgrounds or filled boxes, only thin outlines'
complete -c workbook -n "__fish_workbook_using_subcommand eject" -l no-ink-saver -d 'Tinted backgrounds as usual, whatever workbook.toml says'
complete -c workbook -n "__fish_workbook_using_subcommand eject" -l fillable -d 'Form fields over every write-in area, to type into on screen (not with --booklet)'
complete -c workbook -n "__fish_workbook_using_subcommand eject" -l no-fillable -d 'No form fields, whatever workbook.toml says'
complete -c workbook -n "__fish_workbook_using_subcommand eject" -s q -l quiet -d 'Print only errors'
complete -c workbook -n "__fish_workbook_using_subcommand eject" -s v -l verbose -d 'Print each step (load, compile, export, finish, write) with its time'
complete -c workbook -n "__fish_workbook_using_subcommand eject" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c workbook -n "__fish_workbook_using_subcommand preview" -l pages -d 'Pages by name (cover, note, safety, support) or number (1,3-5) [default: cover,note,safety,support]' -r
complete -c workbook -n "__fish_workbook_using_subcommand preview" -l dpi -d 'Resolution of the images, in dots per inch' -r
complete -c workbook -n "__fish_workbook_using_subcommand preview" -l names -d 'The two partners\' names, separated by \'&\', e.g. "Ana & Ben"' -r
complete -c workbook -n "__fish_workbook_using_subcommand preview" -s c -l config -d 'A workbook.toml to read [default: ./workbook.toml when it exists]' -r -F
complete -c workbook -n "__fish_workbook_using_subcommand preview" -l sources -d 'An ejected, edited project folder to build from instead of the built-in guide' -r -F
complete -c workbook -n "__fish_workbook_using_subcommand preview" -l photo -d 'A photo for the cover (PNG, JPEG or WebP)' -r -F
complete -c workbook -n "__fish_workbook_using_subcommand preview" -l lang -d 'The book\'s language: en (English) or es (español) [default: en]' -r
complete -c workbook -n "__fish_workbook_using_subcommand preview" -l region -d 'Where the couple live, as a two-letter country code (US, MX, ES…): the safety pages then list that country\'s numbers when the practice gives none [default: every country the language\'s edition knows]' -r
complete -c workbook -n "__fish_workbook_using_subcommand preview" -l edition -d 'Which book: the couple\'s workbook, or the counselor\'s facilitator guide (session plan, screening, chapter notes; no --names needed) [default: couple]' -r -f -a "couple\t'The couple\'s workbook'
counselor\t'The facilitator\'s guide: session plan, screening, chapter notes, progress summary, reading list. Needs no names'"
complete -c workbook -n "__fish_workbook_using_subcommand preview" -l format -d 'A PDF to print or fill in, or one self-contained HTML page to read and write in on any screen, kept on the device [default: pdf]' -r -f -a "pdf\t'A PDF, tagged, to print or fill in'
html\t'One self-contained HTML page, to read and write in on any screen'"
complete -c workbook -n "__fish_workbook_using_subcommand preview" -l paper -d 'Paper size [default: from the locale: letter in the US, Canada and similar, A4 elsewhere]' -r -f -a "a4\t'ISO A4, 210 x 297 mm'
letter\t'US Letter, 8.5 x 11 in'
universal\t'210 x 279.4 mm: A4\'s width and Letter\'s height, prints on either'"
complete -c workbook -n "__fish_workbook_using_subcommand preview" -l sides -d 'One-sided, or two-sided with mirrored margins and chapters on right-hand pages' -r -f -a "single\t'Symmetric margins, no blank pages'
duplex\t'Mirrored margins with a binding margin; chapters start on a right-hand page'"
complete -c workbook -n "__fish_workbook_using_subcommand preview" -l ruling -d 'Distance between write-in lines: wide 8.7 mm, college 7.1 mm [default: wide]' -r -f -a "wide\t'8.7 mm: room for larger handwriting'
college\t'7.1 mm'"
complete -c workbook -n "__fish_workbook_using_subcommand preview" -l pdf-standard -d 'PDF standards to conform to (repeatable) [default: ua-1; none for a booklet]' -r -f -a "ua-1\t'PDF/UA-1: accessible, tagged (the default)'
a-2b\t'PDF/A-2b: archival, visual appearance'
a-2a\t'PDF/A-2a: archival and tagged'
none\t'No standard (the PDF is still tagged unless it is a booklet)'"
complete -c workbook -n "__fish_workbook_using_subcommand preview" -l start-date -d 'The first day of the dated logs (YYYY-MM-DD, or 01.12.2026); without it, date cells are left blank' -r
complete -c workbook -n "__fish_workbook_using_subcommand preview" -l date-order -d 'In a start date written with slashes, which comes first: dmy (08/12/2026 is 8 December) or mdy (August 12); 01.12.2026 is always day first' -r -f -a "dmy\t'Day, month, year: 08/12/2026 is 8 December'
mdy\t'Month, day, year: 08/12/2026 is August 12'"
complete -c workbook -n "__fish_workbook_using_subcommand preview" -l days -d 'How many days the daily logs run (1 to 366) [default: 28]' -r
complete -c workbook -n "__fish_workbook_using_subcommand preview" -l skip -d 'Leave out a chapter, front or back matter part, or exercise (repeatable)' -r
complete -c workbook -n "__fish_workbook_using_subcommand preview" -l only -d 'Print only these chapters, parts or exercises (repeatable); the safety note always stays' -r
complete -c workbook -n "__fish_workbook_using_subcommand preview" -l time-limit -d 'Stop a build from --sources that takes longer than this many seconds [default: 60]' -r
complete -c workbook -n "__fish_workbook_using_subcommand preview" -l memory-limit -d 'Stop a build from --sources that uses more memory than this many MiB [default: 2048]' -r
complete -c workbook -n "__fish_workbook_using_subcommand preview" -l password-file -d 'Lock the PDF with the password on this file\'s first line (AES-256); or set WORKBOOK_PASSWORD. Never given on the command line itself' -r -F
complete -c workbook -n "__fish_workbook_using_subcommand preview" -l partner1-password-file -d 'With --split partners: lock the first partner\'s own file with the password on this file\'s first line, which only they should know' -r -F
complete -c workbook -n "__fish_workbook_using_subcommand preview" -l partner2-password-file -d 'With --split partners: lock the second partner\'s own file with the password on this file\'s first line, which only they should know' -r -F
complete -c workbook -n "__fish_workbook_using_subcommand preview" -l font-path -d 'A folder of extra fonts, for names in scripts the built-in fonts lack (repeatable)' -r -F
complete -c workbook -n "__fish_workbook_using_subcommand preview" -l handout -d 'Print only this exercise, as a one- or two-page handout with the support numbers (repeatable; --names optional)' -r
complete -c workbook -n "__fish_workbook_using_subcommand preview" -l split -d '`partners`: write the shared workbook and each partner\'s own pages as three files' -r -f -a "partners\t'The shared book, and one file per partner with their own exercises'"
complete -c workbook -n "__fish_workbook_using_subcommand preview" -s o -l output -d 'The folder for the images, made if missing [default: a new folder workbook-<a>-<b>-preview]' -r -F
complete -c workbook -n "__fish_workbook_using_subcommand preview" -l force -d 'Replace what workbook otherwise keeps: a PDF holding filled-in answers, a locked one, or one workbook did not write (eject: the files already in the folder)'
complete -c workbook -n "__fish_workbook_using_subcommand preview" -l booklet -d 'Impose pages two per sheet for a folded, stapled booklet (A5 on A4, half-letter on Letter)'
complete -c workbook -n "__fish_workbook_using_subcommand preview" -l no-booklet -d 'Not a booklet, whatever workbook.toml says'
complete -c workbook -n "__fish_workbook_using_subcommand preview" -l ink-saver -d 'No tinted backgrounds or filled boxes, only thin outlines'
complete -c workbook -n "__fish_workbook_using_subcommand preview" -l no-ink-saver -d 'Tinted backgrounds as usual, whatever workbook.toml says'
complete -c workbook -n "__fish_workbook_using_subcommand preview" -l fillable -d 'Form fields over every write-in area, to type into on screen (not with --booklet)'
complete -c workbook -n "__fish_workbook_using_subcommand preview" -l no-fillable -d 'No form fields, whatever workbook.toml says'
complete -c workbook -n "__fish_workbook_using_subcommand preview" -s q -l quiet -d 'Print only errors'
complete -c workbook -n "__fish_workbook_using_subcommand preview" -s v -l verbose -d 'Print each step (load, compile, export, finish, write) with its time'
complete -c workbook -n "__fish_workbook_using_subcommand preview" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c workbook -n "__fish_workbook_using_subcommand completions" -s q -l quiet -d 'Print only errors'
complete -c workbook -n "__fish_workbook_using_subcommand completions" -s v -l verbose -d 'Print each step (load, compile, export, finish, write) with its time'
complete -c workbook -n "__fish_workbook_using_subcommand completions" -s h -l help -d 'Print help'
complete -c workbook -n "__fish_workbook_using_subcommand manpage" -s q -l quiet -d 'Print only errors'
complete -c workbook -n "__fish_workbook_using_subcommand manpage" -s v -l verbose -d 'Print each step (load, compile, export, finish, write) with its time'
complete -c workbook -n "__fish_workbook_using_subcommand manpage" -s h -l help -d 'Print help'
complete -c workbook -n "__fish_workbook_using_subcommand answers" -l format -d 'md: headings, lists and tables to read or print; csv: one row per field; json: the same rows as objects' -r -f -a "md\t'Markdown: readable and printable'
csv\t'Comma-separated values, one row per field'
json\t'A JSON array of objects, one per field'"
complete -c workbook -n "__fish_workbook_using_subcommand answers" -s o -l output -d 'Where to write [default: standard output]. Never the PDF itself' -r -F
complete -c workbook -n "__fish_workbook_using_subcommand answers" -l delimiter -d 'What splits a CSV row\'s cells: `,` (the default), or `;` for an Excel whose region writes decimals with a comma, as most of Europe\'s do; `tab` for tab-separated' -r
complete -c workbook -n "__fish_workbook_using_subcommand answers" -l password-file -d 'The password of a locked workbook, on this file\'s first line; or set WORKBOOK_PASSWORD' -r -F
complete -c workbook -n "__fish_workbook_using_subcommand answers" -l all -d 'Include the fields left empty and the boxes left unticked'
complete -c workbook -n "__fish_workbook_using_subcommand answers" -s q -l quiet -d 'Print only errors'
complete -c workbook -n "__fish_workbook_using_subcommand answers" -s v -l verbose -d 'Print each step (load, compile, export, finish, write) with its time'
complete -c workbook -n "__fish_workbook_using_subcommand answers" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c workbook -n "__fish_workbook_using_subcommand serve" -l port -d 'The port on 127.0.0.1 (and ::1) [default: a free one]' -r
complete -c workbook -n "__fish_workbook_using_subcommand serve" -s c -l config -d 'The workbook.toml to read, and to save Practice settings into [default: ./workbook.toml]' -r -F
complete -c workbook -n "__fish_workbook_using_subcommand serve" -l no-open -d 'Print the address only; do not open a browser'
complete -c workbook -n "__fish_workbook_using_subcommand serve" -s q -l quiet -d 'Print only errors'
complete -c workbook -n "__fish_workbook_using_subcommand serve" -s v -l verbose -d 'Print each step (load, compile, export, finish, write) with its time'
complete -c workbook -n "__fish_workbook_using_subcommand serve" -s h -l help -d 'Print help'
complete -c workbook -n "__fish_workbook_using_subcommand help; and not __fish_seen_subcommand_from build list batch init eject preview completions manpage answers serve help" -f -a "build" -d 'Build one workbook as a PDF'
complete -c workbook -n "__fish_workbook_using_subcommand help; and not __fish_seen_subcommand_from build list batch init eject preview completions manpage answers serve help" -f -a "list" -d 'List the chapters and exercises with their ids'
complete -c workbook -n "__fish_workbook_using_subcommand help; and not __fish_seen_subcommand_from build list batch init eject preview completions manpage answers serve help" -f -a "batch" -d 'Build one workbook per row of a CSV file (columns: names, and optionally output, start-date, days, paper, sides, photo, note, skip, password, split, lang, region, format)'
complete -c workbook -n "__fish_workbook_using_subcommand help; and not __fish_seen_subcommand_from build list batch init eject preview completions manpage answers serve help" -f -a "init" -d 'Write a commented starter workbook.toml'
complete -c workbook -n "__fish_workbook_using_subcommand help; and not __fish_seen_subcommand_from build list batch init eject preview completions manpage answers serve help" -f -a "eject" -d 'Write the guide, templates and assets into a folder as a plain Typst project, to edit and build with --sources (or with `typst compile`)'
complete -c workbook -n "__fish_workbook_using_subcommand help; and not __fish_seen_subcommand_from build list batch init eject preview completions manpage answers serve help" -f -a "preview" -d 'Render chosen pages to PNG, to check the branding and contacts before building many workbooks (-o names the folder)'
complete -c workbook -n "__fish_workbook_using_subcommand help; and not __fish_seen_subcommand_from build list batch init eject preview completions manpage answers serve help" -f -a "completions" -d 'Print a shell completion script (bash, zsh, fish, powershell, elvish)'
complete -c workbook -n "__fish_workbook_using_subcommand help; and not __fish_seen_subcommand_from build list batch init eject preview completions manpage answers serve help" -f -a "manpage" -d 'Write man pages for workbook and each subcommand into a folder'
complete -c workbook -n "__fish_workbook_using_subcommand help; and not __fish_seen_subcommand_from build list batch init eject preview completions manpage answers serve help" -f -a "answers" -d 'Read the answers typed into a filled-in workbook (built with --fillable), grouped by part, exercise and partner'
complete -c workbook -n "__fish_workbook_using_subcommand help; and not __fish_seen_subcommand_from build list batch init eject preview completions manpage answers serve help" -f -a "serve" -d 'Run the whole tool in a web browser on this computer: every job is a page, and nothing leaves the machine'
complete -c workbook -n "__fish_workbook_using_subcommand help; and not __fish_seen_subcommand_from build list batch init eject preview completions manpage answers serve help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
