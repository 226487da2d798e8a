
use builtin;
use str;

set edit:completion:arg-completer[workbook] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'workbook'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'workbook'= {
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -v 'Print each step (load, compile, export, finish, write) with its time'
            cand --verbose 'Print each step (load, compile, export, finish, write) with its time'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand build 'Build one workbook as a PDF'
            cand list 'List the chapters and exercises with their ids'
            cand batch 'Build one workbook per row of a CSV file (columns: names, and optionally output, start-date, days, paper, sides, photo, note, skip, password, split, lang, region, format)'
            cand init 'Write a commented starter workbook.toml'
            cand eject 'Write the guide, templates and assets into a folder as a plain Typst project, to edit and build with --sources (or with `typst compile`)'
            cand preview 'Render chosen pages to PNG, to check the branding and contacts before building many workbooks (-o names the folder)'
            cand completions 'Print a shell completion script (bash, zsh, fish, powershell, elvish)'
            cand manpage 'Write man pages for workbook and each subcommand into a folder'
            cand answers 'Read the answers typed into a filled-in workbook (built with --fillable), grouped by part, exercise and partner'
            cand serve 'Run the whole tool in a web browser on this computer: every job is a page, and nothing leaves the machine'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'workbook;build'= {
            cand --names 'The two partners'' names, separated by ''&'', e.g. "Ana & Ben"'
            cand -c 'A workbook.toml to read [default: ./workbook.toml when it exists]'
            cand --config 'A workbook.toml to read [default: ./workbook.toml when it exists]'
            cand --sources 'An ejected, edited project folder to build from instead of the built-in guide'
            cand --photo 'A photo for the cover (PNG, JPEG or WebP)'
            cand -o 'Where to write the PDF [default: workbook-<a>-<b>.pdf in this folder]'
            cand --output 'Where to write the PDF [default: workbook-<a>-<b>.pdf in this folder]'
            cand --lang 'The book''s language: en (English) or es (español) [default: en]'
            cand --region 'Where the couple live, as a two-letter country code (US, MX, ES…): the safety pages then list that country''s numbers when the practice gives none [default: every country the language''s edition knows]'
            cand --edition 'Which book: the couple''s workbook, or the counselor''s facilitator guide (session plan, screening, chapter notes; no --names needed) [default: couple]'
            cand --format 'A PDF to print or fill in, or one self-contained HTML page to read and write in on any screen, kept on the device [default: pdf]'
            cand --paper 'Paper size [default: from the locale: letter in the US, Canada and similar, A4 elsewhere]'
            cand --sides 'One-sided, or two-sided with mirrored margins and chapters on right-hand pages'
            cand --ruling 'Distance between write-in lines: wide 8.7 mm, college 7.1 mm [default: wide]'
            cand --pdf-standard 'PDF standards to conform to (repeatable) [default: ua-1; none for a booklet]'
            cand --start-date 'The first day of the dated logs (YYYY-MM-DD, or 01.12.2026); without it, date cells are left blank'
            cand --date-order 'In a start date written with slashes, which comes first: dmy (08/12/2026 is 8 December) or mdy (August 12); 01.12.2026 is always day first'
            cand --days 'How many days the daily logs run (1 to 366) [default: 28]'
            cand --skip 'Leave out a chapter, front or back matter part, or exercise (repeatable)'
            cand --only 'Print only these chapters, parts or exercises (repeatable); the safety note always stays'
            cand --time-limit 'Stop a build from --sources that takes longer than this many seconds [default: 60]'
            cand --memory-limit 'Stop a build from --sources that uses more memory than this many MiB [default: 2048]'
            cand --password-file 'Lock the PDF with the password on this file''s first line (AES-256); or set WORKBOOK_PASSWORD. Never given on the command line itself'
            cand --partner1-password-file 'With --split partners: lock the first partner''s own file with the password on this file''s first line, which only they should know'
            cand --partner2-password-file 'With --split partners: lock the second partner''s own file with the password on this file''s first line, which only they should know'
            cand --font-path 'A folder of extra fonts, for names in scripts the built-in fonts lack (repeatable)'
            cand --handout 'Print only this exercise, as a one- or two-page handout with the support numbers (repeatable; --names optional)'
            cand --split '`partners`: write the shared workbook and each partner''s own pages as three files'
            cand --force 'Replace what workbook otherwise keeps: a PDF holding filled-in answers, a locked one, or one workbook did not write (eject: the files already in the folder)'
            cand --booklet 'Impose pages two per sheet for a folded, stapled booklet (A5 on A4, half-letter on Letter)'
            cand --no-booklet 'Not a booklet, whatever workbook.toml says'
            cand --ink-saver 'No tinted backgrounds or filled boxes, only thin outlines'
            cand --no-ink-saver 'Tinted backgrounds as usual, whatever workbook.toml says'
            cand --fillable 'Form fields over every write-in area, to type into on screen (not with --booklet)'
            cand --no-fillable 'No form fields, whatever workbook.toml says'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -v 'Print each step (load, compile, export, finish, write) with its time'
            cand --verbose 'Print each step (load, compile, export, finish, write) with its time'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'workbook;list'= {
            cand -c 'A workbook.toml whose sources and extra exercises to include'
            cand --config 'A workbook.toml whose sources and extra exercises to include'
            cand --sources 'An ejected project folder to list instead of the built-in guide'
            cand --lang 'List the guide in this language: en or es [default: en, or `lang` in workbook.toml]'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -v 'Print each step (load, compile, export, finish, write) with its time'
            cand --verbose 'Print each step (load, compile, export, finish, write) with its time'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'workbook;batch'= {
            cand --out-dir 'The folder for the PDFs [default: this folder]'
            cand --jobs 'How many workbooks to build at once [default: half the number of cores]'
            cand --preview 'Instead of building, write proof images (cover, note, safety pages, support list) of the first N couples into --out-dir'
            cand --sheet 'For an .xlsx or .ods client list: the sheet to read [default: the first]'
            cand -c 'A workbook.toml to read [default: ./workbook.toml when it exists]'
            cand --config 'A workbook.toml to read [default: ./workbook.toml when it exists]'
            cand --sources 'An ejected, edited project folder to build from instead of the built-in guide'
            cand --photo 'A photo for the cover (PNG, JPEG or WebP)'
            cand --lang 'The book''s language: en (English) or es (español) [default: en]'
            cand --region 'Where the couple live, as a two-letter country code (US, MX, ES…): the safety pages then list that country''s numbers when the practice gives none [default: every country the language''s edition knows]'
            cand --edition 'Which book: the couple''s workbook, or the counselor''s facilitator guide (session plan, screening, chapter notes; no --names needed) [default: couple]'
            cand --format 'A PDF to print or fill in, or one self-contained HTML page to read and write in on any screen, kept on the device [default: pdf]'
            cand --paper 'Paper size [default: from the locale: letter in the US, Canada and similar, A4 elsewhere]'
            cand --sides 'One-sided, or two-sided with mirrored margins and chapters on right-hand pages'
            cand --ruling 'Distance between write-in lines: wide 8.7 mm, college 7.1 mm [default: wide]'
            cand --pdf-standard 'PDF standards to conform to (repeatable) [default: ua-1; none for a booklet]'
            cand --start-date 'The first day of the dated logs (YYYY-MM-DD, or 01.12.2026); without it, date cells are left blank'
            cand --date-order 'In a start date written with slashes, which comes first: dmy (08/12/2026 is 8 December) or mdy (August 12); 01.12.2026 is always day first'
            cand --days 'How many days the daily logs run (1 to 366) [default: 28]'
            cand --skip 'Leave out a chapter, front or back matter part, or exercise (repeatable)'
            cand --only 'Print only these chapters, parts or exercises (repeatable); the safety note always stays'
            cand --time-limit 'Stop a build from --sources that takes longer than this many seconds [default: 60]'
            cand --memory-limit 'Stop a build from --sources that uses more memory than this many MiB [default: 2048]'
            cand --password-file 'Lock the PDF with the password on this file''s first line (AES-256); or set WORKBOOK_PASSWORD. Never given on the command line itself'
            cand --partner1-password-file 'With --split partners: lock the first partner''s own file with the password on this file''s first line, which only they should know'
            cand --partner2-password-file 'With --split partners: lock the second partner''s own file with the password on this file''s first line, which only they should know'
            cand --font-path 'A folder of extra fonts, for names in scripts the built-in fonts lack (repeatable)'
            cand --split '`partners`: write the shared workbook and each partner''s own pages as three files'
            cand -o 'Where to write the PDF [default: workbook-<a>-<b>.pdf in this folder]'
            cand --output 'Where to write the PDF [default: workbook-<a>-<b>.pdf in this folder]'
            cand --names 'The two partners'' names, separated by ''&'', e.g. "Ana & Ben"'
            cand --handout 'Print only this exercise, as a one- or two-page handout with the support numbers (repeatable; --names optional)'
            cand --force 'Replace what workbook otherwise keeps: a PDF holding filled-in answers, a locked one, or one workbook did not write (eject: the files already in the folder)'
            cand --booklet 'Impose pages two per sheet for a folded, stapled booklet (A5 on A4, half-letter on Letter)'
            cand --no-booklet 'Not a booklet, whatever workbook.toml says'
            cand --ink-saver 'No tinted backgrounds or filled boxes, only thin outlines'
            cand --no-ink-saver 'Tinted backgrounds as usual, whatever workbook.toml says'
            cand --fillable 'Form fields over every write-in area, to type into on screen (not with --booklet)'
            cand --no-fillable 'No form fields, whatever workbook.toml says'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -v 'Print each step (load, compile, export, finish, write) with its time'
            cand --verbose 'Print each step (load, compile, export, finish, write) with its time'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'workbook;init'= {
            cand --force 'Replace an existing workbook.toml'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -v 'Print each step (load, compile, export, finish, write) with its time'
            cand --verbose 'Print each step (load, compile, export, finish, write) with its time'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'workbook;eject'= {
            cand --names 'The two partners'' names, separated by ''&'', e.g. "Ana & Ben"'
            cand -c 'A workbook.toml to read [default: ./workbook.toml when it exists]'
            cand --config 'A workbook.toml to read [default: ./workbook.toml when it exists]'
            cand --sources 'An ejected, edited project folder to build from instead of the built-in guide'
            cand --photo 'A photo for the cover (PNG, JPEG or WebP)'
            cand --lang 'The book''s language: en (English) or es (español) [default: en]'
            cand --region 'Where the couple live, as a two-letter country code (US, MX, ES…): the safety pages then list that country''s numbers when the practice gives none [default: every country the language''s edition knows]'
            cand --edition 'Which book: the couple''s workbook, or the counselor''s facilitator guide (session plan, screening, chapter notes; no --names needed) [default: couple]'
            cand --format 'A PDF to print or fill in, or one self-contained HTML page to read and write in on any screen, kept on the device [default: pdf]'
            cand --paper 'Paper size [default: from the locale: letter in the US, Canada and similar, A4 elsewhere]'
            cand --sides 'One-sided, or two-sided with mirrored margins and chapters on right-hand pages'
            cand --ruling 'Distance between write-in lines: wide 8.7 mm, college 7.1 mm [default: wide]'
            cand --pdf-standard 'PDF standards to conform to (repeatable) [default: ua-1; none for a booklet]'
            cand --start-date 'The first day of the dated logs (YYYY-MM-DD, or 01.12.2026); without it, date cells are left blank'
            cand --date-order 'In a start date written with slashes, which comes first: dmy (08/12/2026 is 8 December) or mdy (August 12); 01.12.2026 is always day first'
            cand --days 'How many days the daily logs run (1 to 366) [default: 28]'
            cand --skip 'Leave out a chapter, front or back matter part, or exercise (repeatable)'
            cand --only 'Print only these chapters, parts or exercises (repeatable); the safety note always stays'
            cand --time-limit 'Stop a build from --sources that takes longer than this many seconds [default: 60]'
            cand --memory-limit 'Stop a build from --sources that uses more memory than this many MiB [default: 2048]'
            cand --password-file 'Lock the PDF with the password on this file''s first line (AES-256); or set WORKBOOK_PASSWORD. Never given on the command line itself'
            cand --partner1-password-file 'With --split partners: lock the first partner''s own file with the password on this file''s first line, which only they should know'
            cand --partner2-password-file 'With --split partners: lock the second partner''s own file with the password on this file''s first line, which only they should know'
            cand --font-path 'A folder of extra fonts, for names in scripts the built-in fonts lack (repeatable)'
            cand -o 'Where to write the PDF [default: workbook-<a>-<b>.pdf in this folder]'
            cand --output 'Where to write the PDF [default: workbook-<a>-<b>.pdf in this folder]'
            cand --handout 'Print only this exercise, as a one- or two-page handout with the support numbers (repeatable; --names optional)'
            cand --split '`partners`: write the shared workbook and each partner''s own pages as three files'
            cand --force 'Replace what workbook otherwise keeps: a PDF holding filled-in answers, a locked one, or one workbook did not write (eject: the files already in the folder)'
            cand --booklet 'Impose pages two per sheet for a folded, stapled booklet (A5 on A4, half-letter on Letter)'
            cand --no-booklet 'Not a booklet, whatever workbook.toml says'
            cand --ink-saver 'No tinted backgrounds or filled boxes, only thin outlines'
            cand --no-ink-saver 'Tinted backgrounds as usual, whatever workbook.toml says'
            cand --fillable 'Form fields over every write-in area, to type into on screen (not with --booklet)'
            cand --no-fillable 'No form fields, whatever workbook.toml says'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -v 'Print each step (load, compile, export, finish, write) with its time'
            cand --verbose 'Print each step (load, compile, export, finish, write) with its time'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'workbook;preview'= {
            cand --pages 'Pages by name (cover, note, safety, support) or number (1,3-5) [default: cover,note,safety,support]'
            cand --dpi 'Resolution of the images, in dots per inch'
            cand --names 'The two partners'' names, separated by ''&'', e.g. "Ana & Ben"'
            cand -c 'A workbook.toml to read [default: ./workbook.toml when it exists]'
            cand --config 'A workbook.toml to read [default: ./workbook.toml when it exists]'
            cand --sources 'An ejected, edited project folder to build from instead of the built-in guide'
            cand --photo 'A photo for the cover (PNG, JPEG or WebP)'
            cand --lang 'The book''s language: en (English) or es (español) [default: en]'
            cand --region 'Where the couple live, as a two-letter country code (US, MX, ES…): the safety pages then list that country''s numbers when the practice gives none [default: every country the language''s edition knows]'
            cand --edition 'Which book: the couple''s workbook, or the counselor''s facilitator guide (session plan, screening, chapter notes; no --names needed) [default: couple]'
            cand --format 'A PDF to print or fill in, or one self-contained HTML page to read and write in on any screen, kept on the device [default: pdf]'
            cand --paper 'Paper size [default: from the locale: letter in the US, Canada and similar, A4 elsewhere]'
            cand --sides 'One-sided, or two-sided with mirrored margins and chapters on right-hand pages'
            cand --ruling 'Distance between write-in lines: wide 8.7 mm, college 7.1 mm [default: wide]'
            cand --pdf-standard 'PDF standards to conform to (repeatable) [default: ua-1; none for a booklet]'
            cand --start-date 'The first day of the dated logs (YYYY-MM-DD, or 01.12.2026); without it, date cells are left blank'
            cand --date-order 'In a start date written with slashes, which comes first: dmy (08/12/2026 is 8 December) or mdy (August 12); 01.12.2026 is always day first'
            cand --days 'How many days the daily logs run (1 to 366) [default: 28]'
            cand --skip 'Leave out a chapter, front or back matter part, or exercise (repeatable)'
            cand --only 'Print only these chapters, parts or exercises (repeatable); the safety note always stays'
            cand --time-limit 'Stop a build from --sources that takes longer than this many seconds [default: 60]'
            cand --memory-limit 'Stop a build from --sources that uses more memory than this many MiB [default: 2048]'
            cand --password-file 'Lock the PDF with the password on this file''s first line (AES-256); or set WORKBOOK_PASSWORD. Never given on the command line itself'
            cand --partner1-password-file 'With --split partners: lock the first partner''s own file with the password on this file''s first line, which only they should know'
            cand --partner2-password-file 'With --split partners: lock the second partner''s own file with the password on this file''s first line, which only they should know'
            cand --font-path 'A folder of extra fonts, for names in scripts the built-in fonts lack (repeatable)'
            cand --handout 'Print only this exercise, as a one- or two-page handout with the support numbers (repeatable; --names optional)'
            cand --split '`partners`: write the shared workbook and each partner''s own pages as three files'
            cand -o 'The folder for the images, made if missing [default: a new folder workbook-<a>-<b>-preview]'
            cand --output 'The folder for the images, made if missing [default: a new folder workbook-<a>-<b>-preview]'
            cand --force 'Replace what workbook otherwise keeps: a PDF holding filled-in answers, a locked one, or one workbook did not write (eject: the files already in the folder)'
            cand --booklet 'Impose pages two per sheet for a folded, stapled booklet (A5 on A4, half-letter on Letter)'
            cand --no-booklet 'Not a booklet, whatever workbook.toml says'
            cand --ink-saver 'No tinted backgrounds or filled boxes, only thin outlines'
            cand --no-ink-saver 'Tinted backgrounds as usual, whatever workbook.toml says'
            cand --fillable 'Form fields over every write-in area, to type into on screen (not with --booklet)'
            cand --no-fillable 'No form fields, whatever workbook.toml says'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -v 'Print each step (load, compile, export, finish, write) with its time'
            cand --verbose 'Print each step (load, compile, export, finish, write) with its time'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'workbook;completions'= {
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -v 'Print each step (load, compile, export, finish, write) with its time'
            cand --verbose 'Print each step (load, compile, export, finish, write) with its time'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'workbook;manpage'= {
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -v 'Print each step (load, compile, export, finish, write) with its time'
            cand --verbose 'Print each step (load, compile, export, finish, write) with its time'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'workbook;answers'= {
            cand --format 'md: headings, lists and tables to read or print; csv: one row per field; json: the same rows as objects'
            cand -o 'Where to write [default: standard output]. Never the PDF itself'
            cand --output 'Where to write [default: standard output]. Never the PDF itself'
            cand --delimiter 'What splits a CSV row''s cells: `,` (the default), or `;` for an Excel whose region writes decimals with a comma, as most of Europe''s do; `tab` for tab-separated'
            cand --password-file 'The password of a locked workbook, on this file''s first line; or set WORKBOOK_PASSWORD'
            cand --all 'Include the fields left empty and the boxes left unticked'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -v 'Print each step (load, compile, export, finish, write) with its time'
            cand --verbose 'Print each step (load, compile, export, finish, write) with its time'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'workbook;serve'= {
            cand --port 'The port on 127.0.0.1 (and ::1) [default: a free one]'
            cand -c 'The workbook.toml to read, and to save Practice settings into [default: ./workbook.toml]'
            cand --config 'The workbook.toml to read, and to save Practice settings into [default: ./workbook.toml]'
            cand --no-open 'Print the address only; do not open a browser'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -v 'Print each step (load, compile, export, finish, write) with its time'
            cand --verbose 'Print each step (load, compile, export, finish, write) with its time'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'workbook;help'= {
            cand build 'Build one workbook as a PDF'
            cand list 'List the chapters and exercises with their ids'
            cand batch 'Build one workbook per row of a CSV file (columns: names, and optionally output, start-date, days, paper, sides, photo, note, skip, password, split, lang, region, format)'
            cand init 'Write a commented starter workbook.toml'
            cand eject 'Write the guide, templates and assets into a folder as a plain Typst project, to edit and build with --sources (or with `typst compile`)'
            cand preview 'Render chosen pages to PNG, to check the branding and contacts before building many workbooks (-o names the folder)'
            cand completions 'Print a shell completion script (bash, zsh, fish, powershell, elvish)'
            cand manpage 'Write man pages for workbook and each subcommand into a folder'
            cand answers 'Read the answers typed into a filled-in workbook (built with --fillable), grouped by part, exercise and partner'
            cand serve 'Run the whole tool in a web browser on this computer: every job is a page, and nothing leaves the machine'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'workbook;help;build'= {
        }
        &'workbook;help;list'= {
        }
        &'workbook;help;batch'= {
        }
        &'workbook;help;init'= {
        }
        &'workbook;help;eject'= {
        }
        &'workbook;help;preview'= {
        }
        &'workbook;help;completions'= {
        }
        &'workbook;help;manpage'= {
        }
        &'workbook;help;answers'= {
        }
        &'workbook;help;serve'= {
        }
        &'workbook;help;help'= {
        }
    ]
    $completions[$command]
}
