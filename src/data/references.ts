/**
 * The site's bibliography. Lessons cite by key (<Cite id="vaswani2017" />) and list their keys in
 * frontmatter; the build fails on an unknown key.
 */
export interface Reference {
  authors: string;
  /** Short form used in citations: "Vaswani et al." */
  short: string;
  year: number;
  title: string;
  venue: string;
  url: string;
}

export const REFERENCES = {
  vaswani2017: {
    authors:
      'Ashish Vaswani, Noam Shazeer, Niki Parmar, Jakob Uszkoreit, Llion Jones, Aidan N. Gomez, Łukasz Kaiser, Illia Polosukhin',
    short: 'Vaswani et al.',
    year: 2017,
    title: 'Attention Is All You Need',
    venue: 'NeurIPS',
    url: 'https://arxiv.org/abs/1706.03762',
  },
  bahdanau2015: {
    authors: 'Dzmitry Bahdanau, Kyunghyun Cho, Yoshua Bengio',
    short: 'Bahdanau et al.',
    year: 2015,
    title: 'Neural Machine Translation by Jointly Learning to Align and Translate',
    venue: 'ICLR',
    url: 'https://arxiv.org/abs/1409.0473',
  },
  ba2016: {
    authors: 'Jimmy Lei Ba, Jamie Ryan Kiros, Geoffrey E. Hinton',
    short: 'Ba et al.',
    year: 2016,
    title: 'Layer Normalization',
    venue: 'arXiv:1607.06450',
    url: 'https://arxiv.org/abs/1607.06450',
  },
  he2016: {
    authors: 'Kaiming He, Xiangyu Zhang, Shaoqing Ren, Jian Sun',
    short: 'He et al.',
    year: 2016,
    title: 'Deep Residual Learning for Image Recognition',
    venue: 'CVPR',
    url: 'https://arxiv.org/abs/1512.03385',
  },
  xiong2020: {
    authors:
      'Ruibin Xiong, Yunchang Yang, Di He, Kai Zheng, Shuxin Zheng, Chen Xing, Huishuai Zhang, Yanyan Lan, Liwei Wang, Tie-Yan Liu',
    short: 'Xiong et al.',
    year: 2020,
    title: 'On Layer Normalization in the Transformer Architecture',
    venue: 'ICML',
    url: 'https://arxiv.org/abs/2002.04745',
  },
  radford2019: {
    authors: 'Alec Radford, Jeffrey Wu, Rewon Child, David Luan, Dario Amodei, Ilya Sutskever',
    short: 'Radford et al.',
    year: 2019,
    title: 'Language Models are Unsupervised Multitask Learners',
    venue: 'OpenAI technical report',
    url: 'https://cdn.openai.com/better-language-models/language_models_are_unsupervised_multitask_learners.pdf',
  },
  brown2020: {
    authors: 'Tom B. Brown, Benjamin Mann, Nick Ryder, et al.',
    short: 'Brown et al.',
    year: 2020,
    title: 'Language Models are Few-Shot Learners',
    venue: 'NeurIPS',
    url: 'https://arxiv.org/abs/2005.14165',
  },
  kaplan2020: {
    authors:
      'Jared Kaplan, Sam McCandlish, Tom Henighan, Tom B. Brown, Benjamin Chess, Rewon Child, Scott Gray, Alec Radford, Jeffrey Wu, Dario Amodei',
    short: 'Kaplan et al.',
    year: 2020,
    title: 'Scaling Laws for Neural Language Models',
    venue: 'arXiv:2001.08361',
    url: 'https://arxiv.org/abs/2001.08361',
  },
  hoffmann2022: {
    authors: 'Jordan Hoffmann, Sebastian Borgeaud, Arthur Mensch, et al.',
    short: 'Hoffmann et al.',
    year: 2022,
    title: 'Training Compute-Optimal Large Language Models',
    venue: 'NeurIPS',
    url: 'https://arxiv.org/abs/2203.15556',
  },
  olsson2022: {
    authors: 'Catherine Olsson, Nelson Elhage, Neel Nanda, et al.',
    short: 'Olsson et al.',
    year: 2022,
    title: 'In-context Learning and Induction Heads',
    venue: 'Transformer Circuits Thread',
    url: 'https://transformer-circuits.pub/2022/in-context-learning-and-induction-heads/index.html',
  },
  elhage2021: {
    authors: 'Nelson Elhage, Neel Nanda, Catherine Olsson, et al.',
    short: 'Elhage et al.',
    year: 2021,
    title: 'A Mathematical Framework for Transformer Circuits',
    venue: 'Transformer Circuits Thread',
    url: 'https://transformer-circuits.pub/2021/framework/index.html',
  },
  su2021: {
    authors: 'Jianlin Su, Yu Lu, Shengfeng Pan, Ahmed Murtadha, Bo Wen, Yunfeng Liu',
    short: 'Su et al.',
    year: 2021,
    title: 'RoFormer: Enhanced Transformer with Rotary Position Embedding',
    venue: 'arXiv:2104.09864',
    url: 'https://arxiv.org/abs/2104.09864',
  },
  press2022: {
    authors: 'Ofir Press, Noah A. Smith, Mike Lewis',
    short: 'Press et al.',
    year: 2022,
    title: 'Train Short, Test Long: Attention with Linear Biases Enables Input Length Extrapolation',
    venue: 'ICLR',
    url: 'https://arxiv.org/abs/2108.12409',
  },
  dao2022: {
    authors: 'Tri Dao, Daniel Y. Fu, Stefano Ermon, Atri Rudra, Christopher Ré',
    short: 'Dao et al.',
    year: 2022,
    title: 'FlashAttention: Fast and Memory-Efficient Exact Attention with IO-Awareness',
    venue: 'NeurIPS',
    url: 'https://arxiv.org/abs/2205.14135',
  },
  shazeer2019: {
    authors: 'Noam Shazeer',
    short: 'Shazeer',
    year: 2019,
    title: 'Fast Transformer Decoding: One Write-Head is All You Need',
    venue: 'arXiv:1911.02150',
    url: 'https://arxiv.org/abs/1911.02150',
  },
  ainslie2023: {
    authors: 'Joshua Ainslie, James Lee-Thorp, Michiel de Jong, Yury Zemlyanskiy, Federico Lebrón, Sumit Sanghai',
    short: 'Ainslie et al.',
    year: 2023,
    title: 'GQA: Training Generalized Multi-Query Transformer Models from Multi-Head Checkpoints',
    venue: 'EMNLP',
    url: 'https://arxiv.org/abs/2305.13245',
  },
  sennrich2016: {
    authors: 'Rico Sennrich, Barry Haddow, Alexandra Birch',
    short: 'Sennrich et al.',
    year: 2016,
    title: 'Neural Machine Translation of Rare Words with Subword Units',
    venue: 'ACL',
    url: 'https://arxiv.org/abs/1508.07909',
  },
  hendrycks2016: {
    authors: 'Dan Hendrycks, Kevin Gimpel',
    short: 'Hendrycks & Gimpel',
    year: 2016,
    title: 'Gaussian Error Linear Units (GELUs)',
    venue: 'arXiv:1606.08415',
    url: 'https://arxiv.org/abs/1606.08415',
  },
  kingma2015: {
    authors: 'Diederik P. Kingma, Jimmy Ba',
    short: 'Kingma & Ba',
    year: 2015,
    title: 'Adam: A Method for Stochastic Optimization',
    venue: 'ICLR',
    url: 'https://arxiv.org/abs/1412.6980',
  },
  devlin2019: {
    authors: 'Jacob Devlin, Ming-Wei Chang, Kenton Lee, Kristina Toutanova',
    short: 'Devlin et al.',
    year: 2019,
    title: 'BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding',
    venue: 'NAACL',
    url: 'https://arxiv.org/abs/1810.04805',
  },
  okabe2008: {
    authors: 'Masataka Okabe, Kei Ito',
    short: 'Okabe & Ito',
    year: 2008,
    title: 'Color Universal Design (CUD): How to make figures and presentations that are friendly to colorblind people',
    venue: 'J*FLY',
    url: 'https://jfly.uni-koeln.de/color/',
  },
} as const satisfies Record<string, Reference>;

export type ReferenceId = keyof typeof REFERENCES;
export const REFERENCE_IDS = Object.keys(REFERENCES) as [ReferenceId, ...ReferenceId[]];
