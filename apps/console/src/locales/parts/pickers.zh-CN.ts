/** The unit, area and category pickers (shared by the desk, dispatch and ticket dialogs). */
export default {
  unitPlaceholder: '输入名称或拼音，如 cgj、chengguan',
  unitsPlaceholder: '可选多个协办单位（名称或拼音）',
  areaPlaceholder: '输入街道、网格名称或拼音',
  categoryPlaceholder: '输入分类名称或拼音',
  noMatch: '没有匹配“{query}”的选项，请从列表中选择',
  unknownBlocked: '所选单位已失效，请重新选择后再提交',
  leadUnit: '主办单位',
  supportingUnits: '协办单位',
  trailSupporting: '协办',
  loading: '加载中…',
  tier: '联动{tier}级',
  police: '警务类',
  unknownUnit: '单位“{value}”不存在或已停用，请重新选择',
  unknownArea: '区域“{value}”不存在，请重新选择',
  unknownCategory: '分类“{value}”不存在或已停用，请重新选择',
  unitTypes: {
    police_desk: '警务',
    department: '区级部门',
    street_office: '街道（镇）',
    grid_team: '网格',
  },
};
