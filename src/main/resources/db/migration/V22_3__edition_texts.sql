-- An edition's own subject and introduction, written on the admin side before it is sent.
-- intro_markdown is what the admin wrote (the text part shows it as it is); intro_html its sanitized HTML.
ALTER TABLE edition ADD COLUMN subject VARCHAR(300);
ALTER TABLE edition ADD COLUMN intro_html VARCHAR(100000);
ALTER TABLE edition ADD COLUMN intro_markdown VARCHAR(100000);
