/** 界面文字（简体中文，主语言）。新增文字先加在这里，再在 en.ts 中补上英文。 */
export const zhCN = {
  'app.title': '营商环境指标监测工作站',
  'app.subtitle': '海南省营商环境指标目录 · 实际值与目标',
  'app.language': 'English',
  'app.languageHint': '切换为英文界面',
  'app.loading': '正在加载…',
  'app.retry': '重试',
  'app.loadFailed': '加载失败：{message}',

  'catalogue.title': '指标目录',
  'catalogue.search': '搜索指标名称或代码',
  'catalogue.count': '共 {n} 项指标',
  'catalogue.noMatch': '没有符合条件的指标。',
  'catalogue.pick': '请在左侧选择一项指标，查看实际值与目标的走势。',
  'catalogue.version': '目录版本 {version}',

  'indicator.code': '指标代码',
  'indicator.unit': '单位',
  'indicator.direction': '方向',
  'indicator.leadUnits': '牵头单位',
  'indicator.partnerUnits': '配合单位',
  'indicator.source': '依据',
  'indicator.targets': '目标',
  'indicator.noTargets': '暂无目标',
  'indicator.regionTargets': '（另有 {n} 项地区目标）',
  'list.separator': '、',

  'direction.lower': '越低越好',
  'direction.higher': '越高越好',
  'direction.range': '在区间内为好',
  'direction.milestone': '里程碑（完成／未完成）',

  'target.done': '完成',
  'target.doneBy': '{date} 前完成',

  'chart.region': '地区',
  'chart.actual': '实际值',
  'chart.target': '目标（当年有效）',
  'chart.targetLow': '目标下限',
  'chart.targetMax': '目标上限',
  'chart.noData': '{region}暂无实际值。',
  'chart.loading': '正在读取实际值…',
  'chart.title': '{name}：实际值与目标',
  'chart.valueDone': '已完成',
  'chart.valueNotDone': '未完成',

  'error.network': '无法连接到工作站服务，请确认程序仍在运行。',
  'error.noBridge': '无法访问工作站服务。',
} as const;

export type MessageKey = keyof typeof zhCN;
