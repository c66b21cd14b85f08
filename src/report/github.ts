import type { Report } from '../engine/finding.ts';

// Workflow command escaping, as @actions/core does it: data escapes %, CR and LF; properties
// also escape : and ,.
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** GitHub Actions workflow commands: one annotation per finding, inline on the PR's files. */
export function renderGithub(report: Report): string {
  const lines = report.findings.map((finding) => {
    const command = finding.exemption || finding.pre_existing || finding.severity === 'info' ? 'notice' : finding.severity === 'fail' ? 'error' : 'warning';
    const properties = [
      finding.file ? `file=${escapeProperty(finding.file)}` : '',
      finding.file && finding.line ? `line=${finding.line}` : '',
      `title=${escapeProperty(`${finding.standard} ${finding.title}${finding.exemption ? ` (exempted by ${finding.exemption.id})` : finding.pre_existing ? ' (pre-existing)' : ''}`)}`,
    ].filter(Boolean);
    const body = `${finding.message}\nHow to fix: ${finding.remediation}\nWhy: ${finding.links.standard}\nPropose a change: ${finding.links.propose}\nRequest an exemption: ${finding.links.exemption}`;
    return `::${command} ${properties.join(',')}::${escapeData(body)}`;
  });
  for (const notice of report.notices) lines.push(`::warning title=standards::${escapeData(notice)}`);
  const { fail, warn, info } = report.summary;
  lines.push(`::notice title=standards::${escapeData(`${report.verdict === 'fail' ? 'Failing' : 'Passing'}: ${fail} failing, ${warn} warnings, ${info} info`)}`);
  return `${lines.join('\n')}\n`;
}
