<#-- Included at the end of every mail's text part: postal address, imprint, privacy notice. -->
<#if (legal.postalAddress)?has_content>
${legal.postalAddress}
</#if>
<#if (legal.imprintUrl)?has_content>
${msg["legal.imprint"]}: ${legal.imprintUrl}
</#if>
<#if (legal.privacyUrl)?has_content>
${msg["legal.privacy"]}: ${legal.privacyUrl}
</#if>
