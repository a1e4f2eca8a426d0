// Fixed text printed on documents (zh-CN), kept together like the UI messages.
export const DOC_TEXT = {
  card: {
    title: '在职党员到社区报到登记卡',
    /** Start of the PDF file name: 登记卡-<姓名>-<编号>.pdf */
    fileStem: '登记卡',
    cardNo: '编号：',
    street: '街道：',
    name: '姓名',
    gender: '性别',
    birthDate: '出生日期',
    ethnicity: '民族',
    idNumber: '身份证号',
    phone: '联系电话',
    community: '报到社区',
    employer: '工作单位',
    partyOrg: '所在党组织',
    reportDate: '报到日期',
    letter: '组织推荐信',
    yes: '已收到',
    no: '未收到',
    letterOn: (date: string) => `已收到（${date}收）`,
    skills: '专业特长',
    intent: '服务意向',
    post: '认领服务岗位',
    /** Printed on two lines so the label column stays narrow. */
    communityOpinion: '社区党组织\n意见',
    seal: '（盖章）',
    sealDate: '年　　月　　日',
    noteLead: '注：',
    notes: [
      '1. 本卡一式两份，社区党组织和党员所在单位党组织各存一份。',
      '2. 身份证号、联系电话已按规定隐去部分数字。',
      '3. “认领服务岗位”“社区党组织意见”两栏由社区党组织填写。',
    ],
  },
} as const;
