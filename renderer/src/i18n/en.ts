import type { MessageKey } from './zh-CN';

/** English UI strings. Every key of zh-CN.ts must be here (the type checks it). */
export const en: Record<MessageKey, string> = {
  'app.title': 'Business Environment Indicator Monitoring Workstation',
  'app.subtitle': 'Hainan business-environment indicator catalogue · actual values vs. targets',
  'app.language': '中文',
  'app.languageHint': 'Switch to Chinese',
  'app.loading': 'Loading…',
  'app.retry': 'Retry',
  'app.loadFailed': 'Could not load: {message}',

  'catalogue.title': 'Indicator catalogue',
  'catalogue.search': 'Search by indicator name or code',
  'catalogue.count': '{n} indicators',
  'catalogue.noMatch': 'No indicator matches.',
  'catalogue.pick': 'Pick an indicator on the left to see its actual values against its targets.',
  'catalogue.version': 'Catalogue version {version}',

  'indicator.code': 'Code',
  'indicator.unit': 'Unit',
  'indicator.direction': 'Direction',
  'indicator.leadUnits': 'Lead units',
  'indicator.partnerUnits': 'Partner units',
  'indicator.source': 'Source',
  'indicator.targets': 'Targets',
  'indicator.noTargets': 'No targets yet',
  'indicator.regionTargets': ' ({n} more regional targets)',
  'list.separator': ', ',

  'direction.lower': 'Lower is better',
  'direction.higher': 'Higher is better',
  'direction.range': 'Within the range is better',
  'direction.milestone': 'Milestone (done / not done)',

  'target.done': 'done',
  'target.doneBy': 'done by {date}',

  'chart.region': 'Region',
  'chart.actual': 'Actual',
  'chart.target': 'Target in force',
  'chart.targetLow': 'Target (lower bound)',
  'chart.targetMax': 'Target (upper bound)',
  'chart.noData': 'No actual values for {region} yet.',
  'chart.loading': 'Reading actual values…',
  'chart.title': '{name}: actual vs. target',
  'chart.valueDone': 'Done',
  'chart.valueNotDone': 'Not done',

  'error.network': 'Cannot reach the workstation service. Is the program still running?',
  'error.noBridge': 'The workstation service is not available.',
};
