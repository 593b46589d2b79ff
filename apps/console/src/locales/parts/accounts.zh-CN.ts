/** 系统管理 → 账号: list, form, one-time passwords, import and export. `columns`/`states` are also the server's export words. */
export default {
  columns: {
    username: '用户名', displayName: '姓名', roles: '角色', unit: '所属单位', area: '所在区域', scopeAll: '全区范围',
    scopeAreas: '管辖区域', scopeUnits: '管辖单位', scopeCategories: '业务分类', extension: '分机号', phone: '电话',
    state: '状态', lastLoginAt: '最近登录', createdAt: '创建时间',
  },
  states: { active: '正常', disabled: '已停用', locked: '已锁定', must_change: '待改密' },
  filters: {
    search: '搜索用户名、姓名、分机或电话', role: '角色', area: '区域（含下级）', unit: '单位', state: '状态', clear: '清除筛选',
  },
  actions: {
    create: '新建账号', import: '批量导入', export: '导出', edit: '编辑', disable: '停用', enable: '启用', unlock: '解锁',
    resetPassword: '重置密码', more: '更多',
  },
  list: { total: '共 {count} 个账号', never: '从未登录', unitOnly: '您只能管理本单位（{unit}）的账号。' },
  form: {
    createTitle: '新建账号', editTitle: '编辑账号：{name}', save: '保存', cancel: '取消',
    usernameHint: '3–64 位字母、数字、点、横线或下划线；创建后不可修改。', rolesPlaceholder: '选择角色',
    scopeTitle: '数据范围', scopeAllHint: '仅中心岗位（话务员、值班长、派单员、区级指挥）可看全区。',
    extensionHint: '3–6 位数字，话务员必填。', phoneHint: '手机号或带区号的座机。', required: '请填写{field}',
    saved: '已保存', created: '账号已创建',
  },
  confirm: {
    disable: '停用账号“{name}”？该账号将立即退出所有会话且无法登录，历史记录仍保留姓名。',
    enable: '启用账号“{name}”？', unlock: '解除账号“{name}”的锁定？',
    reset: '为“{name}”重置密码？将生成一次性密码，账号的所有会话会被结束，下次登录必须修改密码。',
    title: '请确认', ok: '确定', cancel: '取消',
  },
  done: { disabled: '已停用，结束了 {count} 个会话', enabled: '已启用', unlocked: '已解锁' },
  password: {
    title: '一次性密码', intro: '账号 {username} 的一次性密码：',
    warning: '密码只显示这一次，关闭后无法再查看。请通过安全渠道交给本人；首次登录时必须修改。',
    copy: '复制', copied: '已复制', close: '我已记下，关闭',
  },
  stale: {
    title: '账号已被他人修改',
    fields: {
      displayName: '姓名', roles: '角色', unitId: '所属单位', areaId: '所在区域', scopeAll: '全区范围', scopeAreaIds: '管辖区域',
      scopeUnitIds: '管辖单位', scopeCategoryIds: '业务分类', extension: '分机号', phone: '电话', status: '状态',
      mustChangePassword: '待改密', username: '用户名', version: '版本',
    },
  },
  issues: {
    required: '必填', bad_username: '用户名格式不对（3–64 位字母、数字、点、横线或下划线）', username_taken: '用户名“{value}”已被使用',
    duplicate_in_file: '“{value}”在文件中重复', unknown_role: '没有角色“{value}”', auditor_alone: '审计员不能兼任其他角色',
    unknown_unit: '没有单位“{value}”', unit_inactive: '单位“{value}”已停用', unknown_area: '没有区域“{value}”',
    unknown_category: '没有分类“{value}”', bad_extension: '分机号应为 3–6 位数字', extension_taken: '分机号 {value} 已被占用',
    extension_required: '话务员需要分机号', bad_phone: '电话“{value}”不是手机号或带区号的座机', unit_required: '该角色需要所属单位',
    area_required: '网格员需要所在区域和管辖区域', scope_all_not_allowed: '只有中心岗位可以看全区', scope_empty: '数据范围为空：请选择管辖区域或管辖单位；中心岗位（话务员、值班长、派单员、区级指挥）也可选全区范围（表格中“全区范围”填“是”）',
    role_not_allowed: '您只能授予本单位角色（承办人、部门联络员、网格员）', outside_unit: '超出您所在单位的范围',
    ambiguous_name: '“{value}”对应多个，请改用编码', bad_yes_no: '“{value}”应为“是”或“否”',
  },
  import: {
    title: '批量导入账号', step1: '下载模板', step2: '选择文件并检查', step3: '导入',
    templateHint: '按模板填写：每行一个账号，多个值用顿号（、）分隔。第二个工作表列出可用的角色、单位和区域。',
    downloadTemplate: '下载模板', chooseFile: '选择 XLSX 文件', check: '检查（不会写入）', rechoose: '重新选择文件',
    checking: '正在检查…', importing: '正在导入，请稍候…',
    clean: '检查通过：{rows} 行均可导入。', problems: '发现 {count} 处问题（共 {rows} 行），请修改文件后重新检查。',
    row: '行', column: '列', problem: '问题', doImport: '导入 {rows} 个账号',
    doneTitle: '导入完成', done: '已创建 {count} 个账号。', byRole: '按角色',
    passwordsWarning: '一次性密码表只能下载这一次：请立即下载并妥善保管，交给各账号本人。首次登录必须修改密码。',
    downloadPasswords: '下载一次性密码表', close: '关闭', fileRefused: '文件无法读取：{message}',
  },
};
