<#ftl output_format="HTML">
<#-- Shared frame of the public subscriber pages: plain, accessible HTML, readable on a phone. -->
<#macro page title>
<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title} – ${siteTitle}</title>
<style>
  body { font: 1.05rem/1.5 system-ui, sans-serif; margin: 0; padding: 1rem; color: #1a1a1a; background: #fafafa; }
  main { max-width: 34rem; margin: 0 auto; background: #fff; padding: 1.25rem 1.5rem; border-radius: .5rem; box-shadow: 0 1px 3px #0002; }
  h1 { font-size: 1.4rem; margin-top: 0; }
  label { display: block; margin: .9rem 0 .3rem; font-weight: 600; }
  fieldset { border: 1px solid #ccc; border-radius: .4rem; margin: .9rem 0; }
  fieldset label { display: inline; font-weight: normal; margin: 0 .8rem 0 .2rem; }
  legend { font-weight: 600; }
  input[type=email], input[type=text], select { width: 100%; box-sizing: border-box; padding: .55rem; font-size: 1rem; border: 1px solid #888; border-radius: .3rem; }
  button { margin-top: 1.2rem; padding: .7rem 1.4rem; font-size: 1rem; border: 0; border-radius: .3rem; background: #0b5cad; color: #fff; cursor: pointer; }
  button:focus, input:focus, select:focus { outline: 3px solid #f5a623; }
  .errors { border-left: 4px solid #b00020; padding: .2rem .8rem; background: #fff0f0; }
  .hint { color: #555; font-size: .9rem; }
  .hp { position: absolute; left: -10000px; width: 1px; height: 1px; overflow: hidden; }
  footer { max-width: 34rem; margin: 1rem auto; font-size: .85rem; color: #555; text-align: center; }
  /* Phones: long German words break with hyphens (lang is set), a checkbox stays with its label. */
  h1, p, legend, label, footer { hyphens: auto; -webkit-hyphens: auto; overflow-wrap: break-word; }
  fieldset span { display: inline-block; white-space: nowrap; margin: .2rem 0; }
  @media (max-width: 30rem) { body { padding: .5rem; } main { padding: 1rem; } }
</style>
</head>
<body>
<main>
<h1>${title}</h1>
<#nested>
</main>
<footer><a href="${siteUrl}/">${siteTitle}</a><#if (legal.imprintUrl)?has_content> · <a href="${legal.imprintUrl}">${msg["legal.imprint"]}</a></#if><#if (legal.privacyUrl)?has_content> · <a href="${legal.privacyUrl}">${msg["legal.privacy"]}</a></#if><#if (legal.postalAddress)?has_content><br><span class="address">${legal.postalAddress}</span></#if></footer>
</body>
</html>
</#macro>

<#-- The fields shared by the subscribe form and the preferences page. -->
<#macro choices form>
<label for="name">${msg["sub.form.name"]}</label>
<input type="text" id="name" name="name" maxlength="200" autocomplete="name" value="${form.name}">
<fieldset>
  <legend>${msg["sub.form.topics"]}</legend>
  <p class="hint">${msg["sub.form.topics.hint"]}</p>
  <#list topics as t>
  <span><input type="checkbox" id="topic-${t.id}" name="topics" value="${t.id}"<#if form.topics?seq_contains(t.id)> checked</#if>><label for="topic-${t.id}">${t.label}</label></span>
  </#list>
</fieldset>
<label for="cadence">${msg["sub.form.cadence"]}</label>
<select id="cadence" name="cadence">
  <#list cadences as c>
  <option value="${c}"<#if form.cadence == c> selected</#if>>${msg["sub.cadence." + c]}</option>
  </#list>
</select>
<label for="language">${msg["sub.form.language"]}</label>
<select id="language" name="language">
  <#list languages as l>
  <option value="${l}"<#if form.language == l> selected</#if>>${msg["sub.language." + l]}</option>
  </#list>
</select>
</#macro>

<#macro problems>
<#if errors?has_content>
<div class="errors" role="alert">
  <p>${msg["sub.form.errors"]}</p>
  <ul><#list errors as e><li>${msg["sub.error." + e]}</li></#list></ul>
</div>
</#if>
</#macro>
