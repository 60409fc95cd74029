"""Import an existing résumé (PDF or DOCX) as a commented YAML profile.

The stages, one module each:

- :mod:`.extract`: the document's lines in reading order, with their looks (font size, bold,
  paragraph style, bullet) — pdfminer.six's layout analysis for PDF, the body, tables and
  header/footer parts for DOCX (python-docx);
- :mod:`.dates`: date ranges in the common written forms of every built-in locale;
- :mod:`.sections`: the name, the contact details and the sections by their headings;
- :mod:`.entries`: the entries of experience, education and the other sections;
- :mod:`.assemble`: the profile data, each value with how sure the importer is of it;
- :mod:`.fitting`: the data made valid for the schema without changing a value;
- :mod:`.report`: the confidence per section and the verdict on the layout;
- :mod:`.build`: all of it in order, and the commented YAML;
- :mod:`.safety`: hostile files refused before parsing; :mod:`.recovery`: the figures.

:func:`.build.import_document` runs them in that order. Nothing is invented: a line the importer
cannot place goes to a custom section titled "Unsorted".
"""
