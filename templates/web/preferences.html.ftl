<#import "layout.ftl" as l>
<@l.page title=msg["sub.page.preferences.title"]>
<@l.problems/>
<form method="post" action="${actionUrl}">
  <label for="email">${msg["sub.form.email"]}</label>
  <input type="email" id="email" name="email" required maxlength="254" autocomplete="email" value="${form.email}">
  <p class="hint">${msg["sub.form.email.change"]}</p>
  <@l.choices form=form/>
  <button type="submit">${msg["sub.form.save"]}</button>
</form>
<p><a href="${unsubscribeUrl}">${msg["sub.link.unsubscribe"]}</a></p>
</@l.page>
